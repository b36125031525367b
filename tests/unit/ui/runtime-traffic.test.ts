import { describe, expect, it } from 'vitest'
import { feedRuntime, type RuntimeSource } from '../../../app/state/runtime-source.ts'
import { createDashboardStore } from '../../../app/state/store.ts'

type Traffic = { height: number; sentBytes: number; receivedBytes: number }

/** A runtime that counts bytes, and the test says when a height commits. */
function setup() {
  const listeners = new Set<(t: Traffic) => void>()
  const runtime: RuntimeSource & { commit(t: Traffic): void } = {
    snapshot: { status: 'member', height: 0, members: 1, isMember: true, balanceMicro: '0' },
    subscribe: () => () => undefined,
    onEvent: () => () => undefined,
    onTraffic: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    commit: (t) => listeners.forEach((l) => l(t)),
  }
  const store = createDashboardStore()
  const stop = feedRuntime(runtime, store)
  return { runtime, stop, traffic: () => store.getSnapshot().training.traffic }
}

describe('feedRuntime and the bytes per height', () => {
  it("shows each committed height's bytes", () => {
    const { runtime, traffic } = setup()
    runtime.commit({ height: 3, sentBytes: 1_000, receivedBytes: 4_000 })
    runtime.commit({ height: 4, sentBytes: 900, receivedBytes: 3_000 })
    expect(traffic()).toEqual([
      { height: 3, sentBytes: 1_000, receivedBytes: 4_000 },
      { height: 4, sentBytes: 900, receivedBytes: 3_000 },
    ])
  })

  it('stops with the feed', () => {
    const { runtime, stop, traffic } = setup()
    stop()
    runtime.commit({ height: 3, sentBytes: 1, receivedBytes: 1 })
    expect(traffic()).toEqual([])
  })
})
