/** Time as the node sees it: real in the browser, simulated in `tests/sim`. */

/** A cancellable timer handle. */
export type TimerHandle = { readonly id: number } | number | object

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds since some fixed origin. */
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}
