/** Time as the node sees it: real in the browser, simulated in `tests/sim`. */

/** A cancellable timer handle. */
export type TimerHandle = { readonly id: number } | number | object

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds since some fixed origin. */
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
  /**
   * Lets the platform run other tasks (input, rendering, network) before the caller goes on: the
   * node calls it between the heavy steps of a height (payload decoding, the transition, state
   * hashing, signing, persisting) so that none of them shares one long task with another. Absent
   * in the simulator, where nothing else waits.
   */
  yield?(): Promise<void>
}

/** Yields through `clock` when it can; resolves at once otherwise. */
export function yieldTo(clock: Clock): Promise<void> {
  return clock.yield?.() ?? Promise.resolve()
}
