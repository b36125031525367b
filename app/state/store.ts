/**
 * The one store the dashboard reads: holds a `DashboardState`, folds inputs into it with the pure
 * reducer, and tells subscribers when it changed. Sources (the swarm client, and in issue 6 the
 * `SwarmNode`, the trainer and the autonomy loop) call `dispatch`; views subscribe through hooks.
 */
import { initialState, reduce } from './reduce.ts'
import type { DashboardInput, DashboardState } from './types.ts'

/** The dashboard store. */
export interface DashboardStore {
  /** The current state (a new object after every change, the same one otherwise). */
  getSnapshot: () => DashboardState
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void
  /** Folds one input. */
  dispatch: (input: DashboardInput) => void
  /** Folds several inputs and notifies once. */
  dispatchAll: (inputs: readonly DashboardInput[]) => void
}

/** Creates a store starting from `initial`. */
export function createDashboardStore(initial: DashboardState = initialState()): DashboardStore {
  let state = initial
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of [...listeners]) listener()
  }
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispatch(input) {
      const next = reduce(state, input)
      if (next === state) return
      state = next
      notify()
    },
    dispatchAll(inputs) {
      let next = state
      for (const input of inputs) next = reduce(next, input)
      if (next === state) return
      state = next
      notify()
    },
  }
}
