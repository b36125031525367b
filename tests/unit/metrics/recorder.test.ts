import { describe, expect, it } from 'vitest'
import { encodeBlock } from '../../../shared/chain/index.ts'
import { generateIdentity, type Identity } from '../../../shared/crypto/index.ts'
import {
  HeightRecorder,
  TrafficCounter,
  updatersOf,
  type HeightTraffic,
} from '../../../shared/metrics/index.ts'
import { coreCodec, sealMessage, updateMessage } from '../../../shared/protocol/index.ts'
import type { TrainMetrics } from '../../../shared/trainer/index.ts'
import type { HashHex, Height, JobId } from '../../../shared/types/index.ts'

const HASH = '00'.repeat(32) as HashHex
const [alice, bob] = [generateIdentity(), generateIdentity()] as [Identity, Identity]

function update(who: Identity, height: number): Uint8Array {
  const m = updateMessage({
    job: 'job' as JobId,
    height: height as Height,
    node: who.nodeId,
    base: HASH,
    samples: 64,
    trainLoss: 0.5,
    payloadHash: HASH,
    payloadBytes: 10,
  })
  return sealMessage(coreCodec, who, m)
}

function block(height: number, updates: Uint8Array[]): Uint8Array {
  return encodeBlock({
    height: height as Height,
    prev: HASH,
    proposer: alice.nodeId,
    base: HASH,
    updates,
    joins: [],
    leaves: [],
    evidence: [],
    transfers: [],
    lastCommit: new Uint8Array(0),
    next: HASH,
  })
}

const metrics = (computeMs: number): TrainMetrics =>
  ({ elapsedMs: computeMs + 10, computeMs, steps: 100, stoppedBy: 'steps' }) as TrainMetrics

function setup(before: (t: TrafficCounter) => void = () => undefined) {
  let clock = 1_000
  const traffic = new TrafficCounter()
  before(traffic)
  const blocks = new Map<number, Uint8Array>()
  const rec = new HeightRecorder({
    now: () => clock,
    traffic: () => traffic.totals(),
    block: (h) => blocks.get(h),
    self: () => alice.nodeId,
  })
  const sent: HeightTraffic[] = []
  rec.onTraffic((t) => sent.push(t))
  return {
    rec,
    traffic,
    blocks,
    sent,
    tick: (ms: number) => void (clock += ms),
  }
}

const started = (h: number) =>
  ({ type: 'height-started', height: h as Height, members: 2, at: 0 }) as const
const committed = (h: number, latencyMs: number) =>
  ({
    type: 'committed',
    height: h as Height,
    round: 0,
    block: HASH,
    stateHash: HASH,
    voters: 2,
    at: 0,
    latencyMs,
  }) as const

describe('updatersOf', () => {
  it('names the nodes whose updates a block carries', () => {
    expect(updatersOf(block(3, [update(alice, 3), update(bob, 3)]))).toEqual([
      alice.nodeId,
      bob.nodeId,
    ])
    expect(updatersOf(block(3, []))).toEqual([])
  })

  it('is empty for bytes that are not a block, and skips items that are not updates', () => {
    expect(updatersOf(new Uint8Array([1, 2, 3]))).toEqual([])
    expect(updatersOf(block(3, [new Uint8Array([7, 7])]))).toEqual([])
  })
})

describe('HeightRecorder', () => {
  it("records a height's timeline from events, the trainer and the app's phases", () => {
    const { rec, tick, blocks } = setup()
    rec.onEvent(started(1))
    tick(4_000)
    rec.onTrained(1 as Height, metrics(3_000))
    rec.onPhase('apply', 1 as Height, 6_500, 6_800)
    rec.onPhase('apply', 1 as Height, 9_000, 9_100) // a second report of a phase is ignored
    tick(3_000)
    blocks.set(1, block(1, [update(bob, 1)]))
    rec.onEvent(committed(1, 1_000))
    const [h] = rec.report().heights
    expect(h).toMatchObject({
      height: 1,
      members: 2,
      startedAt: 1_000,
      committedAt: 8_000,
      latencyMs: 1_000,
      round: 0,
      trained: { at: 5_000, computeMs: 3_000, elapsedMs: 3_010, steps: 100 },
      apply: { start: 6_500, end: 6_800 },
      includesOwnUpdate: false,
    })
  })

  it('remembers the first update and the first block that included it', () => {
    const { rec, tick, blocks } = setup()
    rec.onEvent(started(1))
    tick(500)
    blocks.set(1, block(1, [update(bob, 1)]))
    rec.onEvent(committed(1, 100))
    rec.onEvent(started(2))
    tick(2_000)
    rec.onTrained(2 as Height, metrics(1_500))
    tick(1_000)
    blocks.set(2, block(2, [update(alice, 2), update(bob, 2)]))
    rec.onEvent(committed(2, 100))
    rec.onEvent(started(3))
    tick(1_000)
    rec.onTrained(3 as Height, metrics(900))
    blocks.set(3, block(3, [update(alice, 3)]))
    rec.onEvent(committed(3, 100))
    const r = rec.report()
    expect(r.firstUpdateAt).toBe(3_500)
    expect(r.firstUpdateHeight).toBe(2)
    expect(r.firstIncludedAt).toBe(4_500)
    expect(r.firstIncludedHeight).toBe(2)
  })

  it('reports the bytes of each committed height as the change since the previous commit', () => {
    const { rec, traffic, sent } = setup((t) => t.add('/meshsub/1.2.0', 'sent', 100))
    rec.onEvent(started(1))
    traffic.add('/swarm/payload/1.0.0', 'received', 5_000)
    rec.onEvent(committed(1, 10))
    traffic.add('/meshsub/1.2.0', 'sent', 30)
    traffic.add('/meshsub/1.2.0', 'received', 20)
    rec.onEvent(committed(2, 10))
    // Counting began when the recorder was made: the 100 bytes before it are not height 1's.
    expect(sent).toEqual([
      { height: 1, sentBytes: 0, receivedBytes: 5_000 },
      { height: 2, sentBytes: 30, receivedBytes: 20 },
    ])
    const [, h2] = rec.report().heights
    expect(h2?.traffic?.byKind.gossip).toEqual({ sent: 30, received: 20 })
    expect(rec.report().traffic.sent).toBe(130)
  })

  it('keeps the first time of each start-up stage', () => {
    const { rec, tick } = setup()
    rec.onStatus('loading')
    tick(2_000)
    rec.onStatus('joining')
    tick(1_000)
    rec.onStatus('loading')
    rec.onStatus('member')
    expect(rec.report().stages).toEqual({ loading: 1_000, joining: 3_000, member: 4_000 })
  })

  it('keeps a bounded number of heights, the newest', () => {
    const { rec } = setup()
    for (let h = 1; h <= 600; h++) rec.onEvent(started(h))
    const heights = rec.report().heights
    expect(heights.length).toBe(500)
    expect(heights[0]?.height).toBe(101)
    expect(heights.at(-1)?.height).toBe(600)
  })

  it('keeps going when a traffic listener throws', () => {
    const { rec, sent } = setup()
    rec.onTraffic(() => {
      throw new Error('listener bug')
    })
    rec.onEvent(committed(1, 10))
    rec.onEvent(committed(2, 10))
    expect(sent.map((t) => t.height)).toEqual([1, 2])
  })
})
