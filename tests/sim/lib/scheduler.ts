/**
 * A discrete-event clock for the simulator. Time advances only when every pending promise has
 * settled, so async code that waits only on timers and simulated messages runs deterministically.
 */
import type { Clock, TimerHandle } from '../../../shared/node/clock.ts'

interface Timer {
  readonly id: number
  readonly at: number
  readonly seq: number
  readonly fn: () => void
}

/** Lets every queued microtask and promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Simulated time with a timer queue. */
export class Scheduler implements Clock {
  #now = 0
  #seq = 0
  #timers: Timer[] = []
  readonly #cancelled = new Set<number>()
  /** Events processed so far. */
  events = 0

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: Timer = { id: ++this.#seq, at: this.#now + Math.max(0, ms), seq: this.#seq, fn }
    // Insert in order (binary search): the queue stays sorted by (at, seq).
    let lo = 0
    let hi = this.#timers.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const t = this.#timers[mid] as Timer
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) lo = mid + 1
      else hi = mid
    }
    this.#timers.splice(lo, 0, timer)
    return { id: timer.id }
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'object' && handle !== null && 'id' in handle) {
      this.#cancelled.add((handle as { id: number }).id)
    }
  }

  /** Runs events until simulated time `until` (or until `stop()` returns true). */
  async runUntil(until: number, stop?: () => boolean): Promise<void> {
    await settle()
    while (this.#timers.length > 0) {
      const next = this.#timers[0] as Timer
      if (next.at > until) break
      this.#timers.shift()
      if (this.#cancelled.delete(next.id)) continue
      this.#now = next.at
      this.events++
      next.fn()
      await settle()
      if (stop?.() === true) return
    }
    this.#now = Math.max(this.#now, until)
  }

  /** Runs the clock until `promise` settles (or `ms` of simulated time pass); returns its value. */
  async drive<T>(promise: Promise<T>, ms = 60_000): Promise<T> {
    let done = false
    const tracked = promise.finally(() => {
      done = true
    })
    await this.runFor(ms, () => done)
    return tracked
  }

  /** Runs for `ms` more simulated milliseconds. */
  runFor(ms: number, stop?: () => boolean): Promise<void> {
    return this.runUntil(this.#now + ms, stop)
  }
}
