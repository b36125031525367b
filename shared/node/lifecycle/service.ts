/** The start()/stop() shape the lifecycle's loops share (libp2p's `Startable`, in small). */
import type { AbortSignalLike } from '../../types/index.ts'
import { Cancel } from '../cancel.ts'

/** Options of `start`. */
export interface StartOptions {
  /** Stops the loop when it aborts, as `stop()` does. */
  readonly signal?: AbortSignalLike
}

/**
 * A loop that runs until its work is done, `stop()` is called or the caller's signal aborts. At
 * most one run at a time: `start()` while running does nothing.
 */
export abstract class LoopService {
  #cancel: Cancel | undefined
  #done: Promise<void> = Promise.resolve()

  /** A run is under way. */
  get running(): boolean {
    return this.#cancel !== undefined
  }

  /** Settles when the latest run ends (at once if none ran). */
  get done(): Promise<void> {
    return this.#done
  }

  /** Starts a run unless one is under way. */
  start(options: StartOptions = {}): void {
    if (this.#cancel !== undefined) return
    const cancel = new Cancel()
    this.#cancel = cancel
    const outer = options.signal
    const onAbort = () => cancel.abort(outer?.reason)
    if (outer?.aborted === true) cancel.abort(outer.reason)
    else outer?.addEventListener('abort', onAbort)
    this.#done = this.run(cancel.signal)
      // A run's failure ends the run; it must not surface as an unhandled rejection in the
      // caller, which started it and moved on.
      .catch(() => undefined)
      .finally(() => {
        outer?.removeEventListener('abort', onAbort)
        if (this.#cancel === cancel) this.#cancel = undefined
      })
  }

  /** Ends the run at its next wait (idempotent). */
  stop(): void {
    this.#cancel?.abort('stopped')
    this.#cancel = undefined
  }

  /** One run; returns when its work is done or `signal` aborts. */
  protected abstract run(signal: AbortSignalLike): Promise<void>
}
