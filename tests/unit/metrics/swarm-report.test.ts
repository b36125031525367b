import { describe, expect, it } from 'vitest'
import {
  groupTraffic,
  swarmReport,
  trafficGroupOf,
  type TabResult,
} from '../../../bench/swarm-report.ts'
import { TrafficCounter, type HeightRecord } from '../../../shared/metrics/index.ts'

/** Height `h` of a node: starts at `t0`, trains `computeMs`, commits 10 s later. */
function height(h: number, t0: number, computeMs: number, latencyMs: number): HeightRecord {
  const c = new TrafficCounter()
  c.add('/meshsub/1.2.0', 'sent', 2_048)
  c.add('/swarm/payload/1.0.0', 'received', 1_024 * h)
  c.addPublished(1_024)
  return {
    height: h,
    members: 2,
    startedAt: t0,
    trained: {
      at: t0 + computeMs,
      elapsedMs: computeMs,
      computeMs,
      steps: 100,
      stoppedBy: 'steps',
    },
    latencyMs,
    apply: { start: t0 + 10_000 - latencyMs / 2, end: t0 + 10_000 - latencyMs / 4 },
    committedAt: t0 + 10_000,
    includesOwnUpdate: h !== 2,
    traffic: c.totals(),
  }
}

function tab(label: string, computeMs: number, latencyMs: number): TabResult {
  return {
    label,
    metrics: {
      firstUpdateAt: computeMs,
      stages: {},
      heights: [1, 2, 3, 4].map((h) => height(h, h * 10_000, computeMs, latencyMs)),
      traffic: new TrafficCounter().totals(),
    },
    dial: { attempts: 4, successes: 3 },
  }
}

describe('trafficGroupOf', () => {
  it('groups gossip, each swarm stream by name, and the rest', () => {
    expect(trafficGroupOf('/meshsub/1.2.0')).toBe('gossip')
    expect(trafficGroupOf('/swarm/payload/1.0.0')).toBe('payload')
    expect(trafficGroupOf('/swarm/checkpoint/1.0.0')).toBe('checkpoint')
    expect(trafficGroupOf('/swarm/sync/1.0.0')).toBe('sync')
    expect(trafficGroupOf('/swarm/other-thing/1.0.0')).toBe('other')
    expect(trafficGroupOf('/ipfs/id/1.0.0')).toBe('other')
  })

  it('sums bytes by group', () => {
    const c = new TrafficCounter()
    c.add('/ipfs/id/1.0.0', 'sent', 5)
    c.add('/swarm/meter/1.0.0', 'sent', 7)
    c.add('/swarm/sync/1.0.0', 'received', 9)
    const g = groupTraffic(c.totals())
    expect(g.other).toEqual({ sent: 12, received: 0 })
    expect(g.sync).toEqual({ sent: 0, received: 9 })
    expect(g.gossip).toEqual({ sent: 0, received: 0 })
  })
})

describe('swarmReport', () => {
  it('gives each node its utilization, latencies, bytes and dials over the window only', () => {
    const [a, b, all] = swarmReport([tab('a', 6_000, 400), tab('b', 3_000, 800)], 2, 3)
    expect(a?.heights).toBe(2)
    expect(a?.wallMs).toBe(20_000)
    expect(a?.utilization).toBeCloseTo(0.6)
    expect(b?.utilization).toBeCloseTo(0.3)
    expect(a?.shares.collectMs).toBeCloseTo((10_000 - 6_000 - 400) / 10_000)
    expect(a?.latencyP50).toBe(400)
    expect(a?.decisionP50).toBe(200)
    expect(a?.included).toBe(1)
    expect(a?.bytesPerHeight.gossip.sent).toBe(2_048)
    expect(a?.bytesPerHeight.payload.received).toBe(1_024 * 2.5)
    expect(a?.publishedPerHeight).toBe(1_024)
    expect(a?.dialSuccesses).toBe(3)
    // Over all nodes: Σ compute ÷ Σ wall, latencies pooled, dials summed.
    expect(all?.node).toBe('all')
    expect(all?.utilization).toBeCloseTo(0.45)
    expect(all?.latencyP95).toBe(800)
    expect(all?.latencyP50).toBe(400)
    expect(all?.dialAttempts).toBe(8)
    expect(all?.firstUpdateMs).toBe(3_000)
  })
})
