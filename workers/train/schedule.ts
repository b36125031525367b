/** Pause, resume and duty cycle: when the inner loop may compute. */
import type { AbortSignalLike } from '../../shared/types/index.ts'
import { InvalidPlanError } from '../errors.ts'
import { now, sleep, throwIfAborted, yieldToEventLoop } from '../platform.ts'

/** Shared by every round; changed at any time from outside the loop. */
export class Schedule {
  private paused = false
  private waiters: (() => void)[] = []
  private fraction = 1

  /** The share of wall time spent computing, in (0, 1]. */
  get dutyCycle(): number {
    return this.fraction
  }

  get isPaused(): boolean {
    return this.paused
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    for (const wake of this.waiters.splice(0)) wake()
  }

  /** Sets the duty cycle; throws `InvalidPlanError` outside (0, 1]. */
  setDutyCycle(fraction: number): void {
    if (!(typeof fraction === 'number' && fraction > 0 && fraction <= 1)) {
      throw new InvalidPlanError(`duty cycle must be a number in (0, 1], got ${String(fraction)}`)
    }
    this.fraction = fraction
  }

  /** Waits while paused; returns the time waited in ms. Rejects with `AbortError` on abort. */
  async gate(signal?: AbortSignalLike): Promise<number> {
    if (!this.paused) return 0
    const start = now()
    while (this.paused) {
      throwIfAborted(signal, 'training')
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve()
        signal?.addEventListener('abort', onAbort, { once: true })
        this.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        })
      })
    }
    throwIfAborted(signal, 'training')
    return now() - start
  }

  /**
   * Rests after `busyMs` of computing so that computing takes `dutyCycle` of wall time
   * (rest = busy·(1−f)/f); at full duty it only yields to the event loop.
   */
  async rest(busyMs: number, signal?: AbortSignalLike): Promise<void> {
    const f = this.fraction
    if (f >= 1) await yieldToEventLoop()
    else await sleep((busyMs * (1 - f)) / f, signal)
    throwIfAborted(signal, 'training')
  }
}
