/**
 * A minimal abort source for `shared/`, which compiles without DOM or Node types and so has no
 * `AbortController`. Its `signal` satisfies {@link AbortSignalLike}.
 */
import type { AbortSignalLike } from '../types/index.ts'

/** A signal that can be aborted once. */
class CancelSignal implements AbortSignalLike {
  aborted = false
  reason: unknown = undefined
  readonly #listeners = new Set<() => void>()
  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listeners.add(listener)
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    this.#listeners.delete(listener)
  }
  /** Fires the listeners once. */
  fire(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    for (const l of [...this.#listeners]) {
      try {
        l()
      } catch {
        // listeners must not stop each other
      }
    }
    this.#listeners.clear()
  }
}

/** Owns a signal and aborts it. */
export class Cancel {
  readonly signal: AbortSignalLike
  readonly #signal: CancelSignal
  constructor() {
    this.#signal = new CancelSignal()
    this.signal = this.#signal
  }
  /** Aborts the signal (idempotent). */
  abort(reason: unknown = 'aborted'): void {
    this.#signal.fire(reason)
  }
}
