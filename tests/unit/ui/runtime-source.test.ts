import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RuntimeReport } from '../../../app/node/reports.ts'
import { activityOf } from '../../../app/state/activity.ts'
import {
  feedRuntime,
  type FeedRuntimeOptions,
  type RuntimeSource,
  type RuntimeView,
} from '../../../app/state/runtime-source.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import type { DashboardState } from '../../../app/state/types.ts'
import type { NodeEvent } from '../../../shared/node/index.ts'
import type { TrainProgress } from '../../../shared/trainer/index.ts'
import type { Height, NodeId, TokenAmount } from '../../../shared/types/index.ts'
import { fedStore, ofKind, recorded } from './fixture.ts'

const NODE = 'a'.repeat(64) as NodeId
const HASH = 'f'.repeat(64)

/** A runtime whose snapshot and events the test drives. */
class FakeRuntime implements RuntimeSource {
  snapshot: RuntimeView = {
    status: 'starting',
    height: 0,
    members: 0,
    isMember: false,
    balanceMicro: '0',
  }
  readonly #snaps = new Set<(s: RuntimeView) => void>()
  readonly #events = new Set<(e: NodeEvent) => void>()
  readonly #reports = new Set<(r: RuntimeReport) => void>()
  onReport(l: (r: RuntimeReport) => void) {
    this.#reports.add(l)
    return () => this.#reports.delete(l)
  }
  report(r: RuntimeReport) {
    for (const l of this.#reports) l(r)
  }
  subscribe(l: (s: RuntimeView) => void) {
    this.#snaps.add(l)
    return () => this.#snaps.delete(l)
  }
  onEvent(l: (e: NodeEvent) => void) {
    this.#events.add(l)
    return () => this.#events.delete(l)
  }
  set(patch: Partial<RuntimeView>) {
    this.snapshot = { ...this.snapshot, ...patch }
    for (const l of this.#snaps) l(this.snapshot)
  }
  emit(e: NodeEvent) {
    for (const l of this.#events) l(e)
  }
}

function setup(options?: FeedRuntimeOptions) {
  const runtime = new FakeRuntime()
  const store = createDashboardStore()
  const stop = feedRuntime(runtime, store, options)
  return { runtime, store, stop, state: () => store.getSnapshot() }
}

describe('feedRuntime', () => {
  it('reports the start-up stages, then membership from the certified state', () => {
    const { runtime, state } = setup()
    expect(activityOf(state())).toBe('starting')
    runtime.set({
      status: 'loading',
      loading: 'download data/mnist-train.bin.gz 10/20',
      nodeId: NODE,
    })
    expect(state().startup).toMatch(/^loading the data and choosing a backend \(download/)
    expect(state().self).toBe(NODE)
    runtime.set({ status: 'joining', backend: 'wasm', backendReason: 'wasm is fastest' })
    expect(activityOf(state())).toBe('joining')
    expect(state().training.backend).toEqual({ chosen: 'wasm', reason: 'wasm is fastest' })
    runtime.set({
      status: 'member',
      height: 3,
      stateHash: HASH,
      members: 2,
      isMember: true,
      balanceMicro: '1250000',
    })
    expect(state().chain.summary).toEqual({
      height: 3,
      stateHash: HASH,
      balance: 1_250_000n,
      member: true,
      memberCount: 2,
    })
    expect(activityOf(state())).toBe('idle')
  })

  it('forwards every node event and each new evaluation once', () => {
    const { runtime, state } = setup()
    runtime.set({ status: 'member', isMember: true, stateHash: HASH, height: 1 })
    runtime.emit({ type: 'height-started', height: 2 as Height, members: 2, at: 5 })
    runtime.emit({ type: 'round', height: 2 as Height, round: 0, phase: 'prevote', proposer: NODE })
    expect(state().consensus).toMatchObject({
      height: 2,
      phase: 'prevote',
      proposer: NODE,
      quorum: 2,
    })
    expect(activityOf(state())).toBe('voting')
    runtime.set({ accuracy: 0.81, loss: 0.6, evaluatedHeight: 1 })
    runtime.set({ prevotes: 1 } as Partial<RuntimeView>)
    expect(state().training.evals).toEqual([{ height: 1, accuracy: 0.81, loss: 0.6 }])
  })

  it('shows a failed node as not running, with the reason', () => {
    const { runtime, state } = setup()
    runtime.set({ status: 'error', error: 'genesis: relay answered 500' })
    expect(state().attached).toBe(false)
    expect(state().nodeError).toBe('genesis: relay answered 500')
    expect(activityOf(state())).toBe('not running')
  })

  it('stops listening when told to', () => {
    const { runtime, state, stop } = setup()
    stop()
    runtime.emit({ type: 'height-started', height: 2 as Height, members: 2, at: 5 })
    expect(state().consensus.height).toBeUndefined()
    expect(state().attached).toBe(false)
  })
})

const progress = (step: number): TrainProgress => ({
  step,
  maxSteps: 50,
  samples: 64 * step,
  loss: 2 / step,
  elapsedMs: 40 * step,
})

describe('feedRuntime with the runtime’s reports', () => {
  afterEach(() => vi.useRealTimers())

  it('lets through at most one progress input per interval, the newest, and never after the round ended', () => {
    vi.useFakeTimers()
    const { runtime, state } = setup({ progressIntervalMs: 250, now: () => Date.now() })
    runtime.report({ kind: 'progress', height: 3, progress: progress(1) })
    expect(state().training.current).toEqual({ height: 3, progress: progress(1) })
    for (let step = 2; step <= 5; step++)
      runtime.report({ kind: 'progress', height: 3, progress: progress(step) })
    expect(state().training.current?.progress.step).toBe(1)
    vi.advanceTimersByTime(250)
    expect(state().training.current?.progress.step).toBe(5)
    runtime.report({ kind: 'progress', height: 3, progress: progress(6) })
    const metrics = ofKind('trained')[0]!.metrics
    runtime.report({ kind: 'trained', height: 3, metrics })
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

  it('joins the members and supply to the summary of the same height only', () => {
    const { runtime, state } = setup()
    const members = [
      { node: 'b'.repeat(64) as NodeId, peer: 'peer-b', since: 2, lastSeen: 4 },
      { node: NODE, peer: 'peer-a', since: 0, lastSeen: 4 },
    ]
    const supply = { minted: 5_000_000n as TokenAmount, burned: 250_000n as TokenAmount }
    runtime.set({ nodeId: NODE, status: 'member', isMember: true, stateHash: HASH, height: 4 })
    expect(state().chain.summary?.members).toBeUndefined()
    // Members reported after the summary of their height: the summary is sent again with them.
    runtime.report({ kind: 'members', height: 4, members, supply })
    expect(state().chain.summary).toMatchObject({ height: 4, supply })
    expect(state().chain.summary?.members?.map((m) => m.peer)).toEqual(['peer-a', 'peer-b'])
    // The next height's members arrive before its summary (the runtime's order): joined at once.
    const next = members.map((m) => ({ ...m, lastSeen: 5 }))
    runtime.report({ kind: 'members', height: 5, members: next, supply })
    expect(state().chain.summary?.height).toBe(4)
    runtime.set({ stateHash: 'e'.repeat(64), height: 5 })
    expect(state().chain.summary?.members?.map((m) => m.lastSeen)).toEqual([5, 5])
    // A summary of a height no members were reported for carries none (not stale ones).
    runtime.set({ stateHash: 'c'.repeat(64), height: 6 })
    expect(state().chain.summary?.height).toBe(6)
    expect(state().chain.summary?.members).toBeUndefined()
  })

  it('gives the views what a direct feed of the recorded run gives them', () => {
    // The recording replayed as a runtime would deliver it: snapshots, events and reports.
    const { runtime, state } = setup({ progressIntervalMs: 0 })
    for (const input of recorded()) {
      switch (input.kind) {
        case 'identity':
          runtime.set({ nodeId: input.nodeId, status: 'joining' })
          break
        case 'node':
          runtime.emit(input.event)
          break
        case 'chain': {
          const s = input.summary
          runtime.report({
            kind: 'members',
            height: s.height,
            members: s.members ?? [],
            supply: s.supply!,
          })
          runtime.set({
            status: 'member',
            height: s.height,
            stateHash: s.stateHash,
            balanceMicro: s.balance.toString(),
            isMember: s.member,
            members: s.memberCount,
          })
          break
        }
        case 'ledger':
        case 'progress':
        case 'trained':
          runtime.report(input)
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
    expect(Object.keys(fed.chain.quality).length).toBeGreaterThan(0)
  })
})
