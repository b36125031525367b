/**
 * The runtime's writer into the dashboard store (`NodeFeed`) and the flat node snapshot read back
 * from it (`nodeSnapshot`, what `window.__swarm.node()` answers): one store, fed one way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { activityOf } from '../../../app/state/activity.ts'
import { NodeFeed, type NodeFeedOptions } from '../../../app/state/node-feed.ts'
import { nodeSnapshot } from '../../../app/state/node-snapshot.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import type { DashboardState } from '../../../app/state/types.ts'
import type { DilocoState } from '../../../shared/chain/index.ts'
import type { TrainProgress } from '../../../shared/trainer/index.ts'
import type { HashHex, Height, NodeId } from '../../../shared/types/index.ts'
import { fedStore, ofKind, recorded } from './fixture.ts'

const NODE = 'a'.repeat(64) as NodeId
const OTHER = 'b'.repeat(64) as NodeId
const HASH = 'f'.repeat(64) as HashHex

function setup(options?: NodeFeedOptions) {
  const store = createDashboardStore()
  const feed = new NodeFeed(store, options)
  return { feed, store, state: () => store.getSnapshot() }
}

/** A certified state with just what the dashboard reads (no weights are looked at). */
function stateAt(height: number, members: readonly NodeId[], balance: bigint): DilocoState {
  return {
    height,
    members: members.map((node, i) => ({ node, peer: `peer-${i}`, since: 0, lastSeen: height })),
    ledger: {
      accounts: new Map([[NODE, { balance, nonce: 0n }]]),
      minted: 5_000_000n,
      burned: 250_000n,
    },
  } as unknown as DilocoState
}

describe('NodeFeed', () => {
  it('reports the start-up stages, then membership from the certified state', () => {
    const { feed, state } = setup()
    feed.set({})
    expect(state().attached).toBe(true)
    expect(state().startup).toBe('waiting for the swarm connection')
    feed.identity(NODE)
    feed.set({ status: 'loading', loading: 'download data/mnist-train.bin.gz 10/20' })
    expect(state().startup).toMatch(/^loading the data and choosing a backend \(download/)
    expect(state().self).toBe(NODE)
    feed.set({ status: 'joining' })
    feed.backend({ chosen: 'wasm', reason: 'wasm is fastest' })
    expect(activityOf(state())).toBe('joining')
    expect(state().training.backend).toEqual({ chosen: 'wasm', reason: 'wasm is fastest' })
    feed.chain(stateAt(3, [NODE, OTHER], 1_250_000n), HASH, NODE)
    feed.set({ status: 'member' })
    expect(state().chain.summary).toMatchObject({
      height: 3,
      stateHash: HASH,
      balance: 1_250_000n,
      member: true,
      memberCount: 2,
      supply: { minted: 5_000_000n, burned: 250_000n },
    })
    expect(state().chain.summary?.members?.map((m) => m.node)).toEqual([NODE, OTHER])
    expect(activityOf(state())).toBe('idle')
  })

  it('shows a failed node as not running, with the reason', () => {
    const { feed, state } = setup()
    feed.set({ status: 'error', error: 'genesis: relay answered 500' })
    expect(state().attached).toBe(false)
    expect(state().nodeError).toBe('genesis: relay answered 500')
    expect(activityOf(state())).toBe('not running')
  })

  it("shows each committed height's bytes", () => {
    const { feed, state } = setup()
    feed.traffic({ height: 3, sentBytes: 1_000, receivedBytes: 4_000 })
    feed.traffic({ height: 4, sentBytes: 900, receivedBytes: 3_000 })
    expect(state().training.traffic).toEqual([
      { height: 3, sentBytes: 1_000, receivedBytes: 4_000 },
      { height: 4, sentBytes: 900, receivedBytes: 3_000 },
    ])
  })
})

const progress = (step: number): TrainProgress => ({
  step,
  maxSteps: 50,
  samples: 64 * step,
  loss: 2 / step,
  elapsedMs: 40 * step,
})

describe('NodeFeed and the trainer', () => {
  afterEach(() => vi.useRealTimers())

  it('lets through at most one progress input per interval, the newest, and never after the round ended', () => {
    vi.useFakeTimers()
    const { feed, state } = setup({ progressIntervalMs: 250, now: () => Date.now() })
    feed.progress(3, progress(1))
    expect(state().training.current).toEqual({ height: 3, progress: progress(1) })
    for (let step = 2; step <= 5; step++) feed.progress(3, progress(step))
    expect(state().training.current?.progress.step).toBe(1)
    vi.advanceTimersByTime(250)
    expect(state().training.current?.progress.step).toBe(5)
    feed.progress(3, progress(6))
    const metrics = ofKind('trained')[0]!.metrics
    feed.trained(3, metrics)
    vi.advanceTimersByTime(1_000)
    // The held-back step 6 was dropped: the finished round does not show as running again.
    expect(state().training.current).toBeUndefined()
    expect(state().training.rounds).toEqual([
      {
        height: 3,
        steps: metrics.steps,
        samples: metrics.samples,
        meanLoss: metrics.meanLoss,
        elapsedMs: metrics.elapsedMs,
        computeMs: metrics.computeMs,
      },
    ])
  })

  it('gives the views what a direct feed of the recorded run gives them', () => {
    const { feed, state } = setup({ progressIntervalMs: 0 })
    for (const input of recorded()) {
      switch (input.kind) {
        case 'identity':
          feed.identity(input.nodeId)
          break
        case 'node':
          feed.event(input.event)
          break
        case 'chain': {
          const s = input.summary
          const members = (s.members ?? []).map((m) => ({ ...m, publicKey: new Uint8Array(0) }))
          const accounts = new Map(
            state().self === undefined ? [] : [[state().self!, { balance: s.balance, nonce: 0n }]],
          )
          const certified = {
            height: s.height,
            members,
            ledger: { accounts, minted: s.supply!.minted, burned: s.supply!.burned },
          } as unknown as DilocoState
          feed.chain(certified, s.stateHash, state().self!)
          break
        }
        case 'ledger':
          feed.ledger(input.height, input.events)
          break
        case 'progress':
          feed.progress(input.height, input.progress)
          break
        case 'trained':
          feed.trained(input.height, input.metrics)
          break
      }
    }
    const direct: DashboardState = fedStore().getSnapshot()
    const fed = state()
    expect(fed.chain).toEqual(direct.chain)
    expect(fed.training.rounds).toEqual(direct.training.rounds)
    expect(fed.training.samplesTrained).toBe(direct.training.samplesTrained)
    expect(fed.chain.earnings.length).toBe(14)
    expect(fed.chain.transfers.length).toBeGreaterThan(0)
  })
})

describe('nodeSnapshot', () => {
  it('reads the node back from the store as one flat object', () => {
    const { feed, store } = setup()
    expect(nodeSnapshot(store.getSnapshot())).toMatchObject({
      status: 'starting',
      height: 0,
      members: 0,
      isMember: false,
      balance: '0.000000 rUv',
      balanceMicro: '0',
      participating: true,
      paused: false,
      dutyCycle: 1,
      resyncs: 0,
      committed: [],
    })
    feed.identity(NODE)
    feed.set({ status: 'member', jobName: 'mnist-mlp', paused: true, dutyCycle: 0.5 })
    feed.backend({ chosen: 'wasm', reason: 'fastest' })
    feed.chain(stateAt(4, [NODE], 1_250_000n), HASH, NODE)
    feed.event({ type: 'height-started', height: 5 as Height, members: 1, at: 1 })
    feed.event({ type: 'round', height: 5 as Height, round: 0, phase: 'propose', proposer: NODE })
    feed.event({
      type: 'votes',
      height: 5 as Height,
      round: 0,
      prevotes: 1,
      precommits: 0,
      quorum: 1,
    })
    feed.evaluated(4, { accuracy: 0.9, loss: 0.3 })
    const s = nodeSnapshot(store.getSnapshot())
    expect(s).toMatchObject({
      status: 'member',
      nodeId: NODE,
      jobName: 'mnist-mlp',
      paused: true,
      dutyCycle: 0.5,
      backend: 'wasm',
      backendReason: 'fastest',
      height: 4,
      stateHash: HASH,
      members: 1,
      isMember: true,
      balance: '1.250000 rUv',
      balanceMicro: '1250000',
      round: 0,
      phase: 'propose',
      proposer: NODE,
      prevotes: 1,
      quorum: 1,
      accuracy: 0.9,
      loss: 0.3,
      evaluatedHeight: 4,
    })
    // It is plain data: it crosses `page.evaluate` as it is.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(nodeSnapshot(store.getSnapshot())).toBe(s)
  })

  it('lists the heights this node committed, with their state hashes, the last 50', () => {
    const { feed, store } = setup()
    for (let h = 1; h <= 60; h++)
      feed.event({
        type: 'committed',
        height: h as Height,
        round: 0,
        block: HASH,
        stateHash: `${h}`.padStart(64, '0') as HashHex,
        voters: 1,
        latencyMs: 5,
        at: h,
      })
    const committed = nodeSnapshot(store.getSnapshot()).committed
    expect(committed).toHaveLength(50)
    expect(committed[0]).toEqual({ height: 11, round: 0, stateHash: '11'.padStart(64, '0') })
    expect(committed[49]?.height).toBe(60)
  })
})
