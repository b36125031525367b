/**
 * Named errors of the node and its lifecycle (`lifecycle/`). Each sets `name`, so a caller
 * branches on `err.name` even where the class is lost (comlink rebuilds errors as plain `Error`s).
 * Expected failures from peers stay values (`{ ok: false, reason }`); these are for calls a
 * caller made at the wrong time or that could not be done.
 */

/** The node is not running (not started yet, or stopped). */
export class NotRunningError extends Error {
  override readonly name = 'NotRunningError'
  constructor(message = 'the node is not running yet') {
    super(message)
  }
}

/** The node cannot do this now, but may later (e.g. a round is training, the trainer loads). */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError'
}

/** Why a resync kept the current state. */
export type ResyncFailure = 'busy' | 'no-checkpoint' | 'behind' | 'stopped'

/** A resync that did not replace the node's state; `reason` says why. */
export class ResyncError extends Error {
  override readonly name = 'ResyncError'
  readonly reason: ResyncFailure
  constructor(reason: ResyncFailure, message: string) {
    super(message)
    this.reason = reason
  }
}

/** The message of anything thrown (an `Error`'s message, or the value as text). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** An error as `Name: message` (the name says which failure; a plain value as text). */
export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err)
}
