/** The platform's clock and timers as the `Clock` that `shared/node` expects. */
import type { Clock } from '../../shared/node/index.ts'

/** Wall-clock time and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
