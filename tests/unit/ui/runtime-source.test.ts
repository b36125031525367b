import { describe, expect, it } from 'vitest'
import { activityOf } from '../../../app/state/activity.ts'
import {
  feedRuntime,
  type RuntimeSource,
  type RuntimeView,
} from '../../../app/state/runtime-source.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import type { NodeEvent } from '../../../shared/node/index.ts'
import type { Height, NodeId } from '../../../shared/types/index.ts'

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

function setup() {
  const runtime = new FakeRuntime()
  const store = createDashboardStore()
  const stop = feedRuntime(runtime, store)
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
