/**
 * The one store the dashboard reads: holds a `DashboardState`, folds inputs into it with the pure
 * reducer, and tells subscribers when it changed. Sources (the swarm client, the tab's runtime
 * through its `NodeFeed`, the autonomy loop) call `dispatch`; views subscribe through hooks, and
 * the test handle reads `getSnapshot()`.
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

/** Options of a store. */
export interface StoreOptions {
  /**
   * Schedules telling the subscribers about changes; changes made before it runs are told once.
   * The page passes `requestAnimationFrame`, so a burst of node events renders at most once per
   * frame (and not at all in a hidden tab); without it subscribers hear of each change at once.
   */
  readonly schedule?: (flush: () => void) => void
}

/** Creates a store starting from `initial`. */
export function createDashboardStore(
  initial: DashboardState = initialState(),
  options: StoreOptions = {},
): DashboardStore {
  let state = initial
  let pending = false
  const listeners = new Set<() => void>()
  const flush = () => {
    pending = false
    for (const listener of [...listeners]) listener()
  }
  const changed = (next: DashboardState) => {
    if (next === state) return
    state = next
    if (options.schedule === undefined) return flush()
    if (pending) return
    pending = true
    options.schedule(flush)
  }
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispatch: (input) => changed(reduce(state, input)),
    dispatchAll(inputs) {
      let next = state
      for (const input of inputs) next = reduce(next, input)
      changed(next)
    },
  }
}
