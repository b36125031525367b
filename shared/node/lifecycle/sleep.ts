/** Waiting on the node's `Clock`, so the simulator's fake clock drives every lifecycle timer. */
import type { AbortSignalLike } from '../../types/index.ts'
import type { Clock } from '../clock.ts'

/** Resolves after `ms` of `clock` time, or at once when `signal` aborts (it never rejects). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve()
    const done = () => {
      clock.clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = clock.setTimeout(done, ms)
    signal?.addEventListener('abort', done)
  })
}
