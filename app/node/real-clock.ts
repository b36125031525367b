/** The platform's clock and timers as the `Clock` that `shared/node` expects. */
import type { Clock } from '../../shared/node/index.ts'

/** `scheduler.yield()` where the browser has it (Chromium 129+). */
interface SchedulerLike {
  yield(): Promise<void>
}

/**
 * A new task without `setTimeout`'s clamping: a message to ourselves over a `MessageChannel`
 * (what `scheduler.yield()` replaces).
 */
function postTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

const scheduler = (globalThis as { scheduler?: Partial<SchedulerLike> }).scheduler

/** Wall-clock time, `setTimeout`, and yielding to the browser between heavy steps. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  yield:
    typeof scheduler?.yield === 'function' ? () => (scheduler as SchedulerLike).yield() : postTask,
}
