import { describe, expect, it } from 'vitest'
import {
  NO_TRAFFIC,
  TrafficCounter,
  trafficKindOf,
  trafficSince,
} from '../../../shared/metrics/index.ts'

describe('trafficKindOf', () => {
  it('counts gossipsub as gossip, swarm protocols as streams, the rest as other', () => {
    expect(trafficKindOf('/meshsub/1.2.0')).toBe('gossip')
    expect(trafficKindOf('/meshsub/1.1.0')).toBe('gossip')
    expect(trafficKindOf('/floodsub/1.0.0')).toBe('gossip')
    expect(trafficKindOf('/swarm/payload/1.0.0')).toBe('stream')
    expect(trafficKindOf('/swarm/checkpoint/1.0.0')).toBe('stream')
    expect(trafficKindOf('/ipfs/id/1.0.0')).toBe('other')
    expect(trafficKindOf('/libp2p/circuit/relay/0.2.0/hop')).toBe('other')
    expect(trafficKindOf('/webrtc-signaling/0.0.1')).toBe('other')
  })
})

describe('TrafficCounter', () => {
  it('starts at zero', () => {
    expect(new TrafficCounter().totals()).toEqual(NO_TRAFFIC)
  })

  it('adds bytes by protocol and direction, and sums them by kind and overall', () => {
    const c = new TrafficCounter()
    c.add('/meshsub/1.2.0', 'sent', 100)
    c.add('/meshsub/1.2.0', 'sent', 50)
    c.add('/meshsub/1.2.0', 'received', 7)
    c.add('/swarm/payload/1.0.0', 'received', 1000)
    c.add('/ipfs/id/1.0.0', 'sent', 3)
    const t = c.totals()
    expect(t.sent).toBe(153)
    expect(t.received).toBe(1007)
    expect(t.byKind).toEqual({
      gossip: { sent: 150, received: 7 },
      stream: { sent: 0, received: 1000 },
      other: { sent: 3, received: 0 },
    })
    expect(t.byProtocol['/swarm/payload/1.0.0']).toEqual({ sent: 0, received: 1000 })
  })

  it('ignores counts that are not positive finite numbers', () => {
    const c = new TrafficCounter()
    for (const n of [0, -5, NaN, Infinity]) c.add('/meshsub/1.2.0', 'sent', n)
    expect(c.totals().sent).toBe(0)
  })

  it("counts the node's own publishes apart, by message and data bytes", () => {
    const c = new TrafficCounter()
    c.addPublished(3_000)
    c.addPublished(0)
    c.addPublished(NaN)
    expect(c.totals().published).toEqual({ messages: 2, bytes: 3_000 })
    expect(c.totals().sent).toBe(0)
  })

  it('hands out copies that later counts do not change', () => {
    const c = new TrafficCounter()
    c.add('/swarm/sync/1.0.0', 'sent', 10)
    const before = c.totals()
    c.add('/swarm/sync/1.0.0', 'sent', 5)
    expect(before.byProtocol['/swarm/sync/1.0.0']?.sent).toBe(10)
    expect(before.byKind.stream.sent).toBe(10)
  })
})

describe('trafficSince', () => {
  it('is the difference between two readings, protocols new since then included', () => {
    const c = new TrafficCounter()
    c.add('/meshsub/1.2.0', 'sent', 100)
    const earlier = c.totals()
    c.add('/meshsub/1.2.0', 'sent', 40)
    c.add('/swarm/payload/1.0.0', 'received', 500)
    c.addPublished(35)
    const d = trafficSince(c.totals(), earlier)
    expect(d.sent).toBe(40)
    expect(d.received).toBe(500)
    expect(d.byKind.gossip).toEqual({ sent: 40, received: 0 })
    expect(d.byKind.stream).toEqual({ sent: 0, received: 500 })
    expect(d.byProtocol['/swarm/payload/1.0.0']).toEqual({ sent: 0, received: 500 })
    expect(d.byProtocol['/meshsub/1.2.0']).toEqual({ sent: 40, received: 0 })
    expect(d.published).toEqual({ messages: 1, bytes: 35 })
  })
})
