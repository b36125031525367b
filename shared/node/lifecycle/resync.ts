/**
 * Resync: fetch a verified checkpoint at least as high as the node's state (see `catch-up.ts`),
 * stop the node and start a new one from it. Without such a checkpoint it keeps the state and
 * throws a `ResyncError` that says why. One resync at a time.
 */
import type { AbortSignalLike } from '../../types/index.ts'
import type { Clock } from '../clock.ts'
import { NotRunningError, ResyncError } from '../errors.ts'
import type { CaughtUp, CatchUpOptions } from './catch-up.ts'
import { RESYNC_TIMEOUT_MS } from './constants.ts'

/** What a resync needs. */
export interface ResyncComponents {
  readonly clock: Clock
  /** Catch-up over the node's checkpoint sources (`catchUp` with its components bound). */
  catchUp(options: CatchUpOptions): Promise<CaughtUp | undefined>
  /** The running node's certified height, or `undefined` when no node runs. */
  height(): number | undefined
  /** Stops the running node and starts one from `from`. */
  relaunch(from: CaughtUp): void
}

/** Options of a resync service. */
export interface ResyncInit {
  /** How long one resync looks for a checkpoint, ms (default `RESYNC_TIMEOUT_MS`). */
  readonly timeoutMs?: number
}

/** Resyncs a node from the latest verified checkpoint, on request. */
export class ResyncService {
  readonly #c: ResyncComponents
  readonly #timeoutMs: number
  #busy = false

  constructor(components: ResyncComponents, init: ResyncInit = {}) {
    this.#c = components
    this.#timeoutMs = init.timeoutMs ?? RESYNC_TIMEOUT_MS
  }

  /** A resync is under way. */
  get running(): boolean {
    return this.#busy
  }

  /**
   * Resyncs once; throws `NotRunningError` without a node, `ResyncError` when it kept the state.
   */
  async resync(options: { readonly signal?: AbortSignalLike } = {}): Promise<void> {
    if (this.#c.height() === undefined) throw new NotRunningError()
    if (this.#busy) throw new ResyncError('busy', 'a resync is already running')
    this.#busy = true
    try {
      const deadline = this.#c.clock.now() + this.#timeoutMs
      const fetched = await this.#c.catchUp({
        deadline,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      })
      const height = this.#c.height()
      if (height === undefined || options.signal?.aborted === true)
        throw new ResyncError('stopped', 'the node stopped during the resync')
      if (fetched === undefined)
        throw new ResyncError(
          'no-checkpoint',
          `no peer or archive served a valid checkpoint within ${this.#timeoutMs / 1000} s; kept the current state`,
        )
      if (fetched.state.height < height)
        throw new ResyncError(
          'behind',
          `the latest checkpoint (height ${fetched.state.height}) is behind this node (height ${height}); kept the current state`,
        )
      this.#c.relaunch(fetched)
    } finally {
      this.#busy = false
    }
  }
}
