/** Why a message from the wire was refused: a stable code to count by and a detail to log. */

/** Reasons a message is refused, stable enough to count and chart. */
export type RejectCode =
  | 'malformed'
  | 'too-large'
  | 'unknown-type'
  | 'unsupported-version'
  | 'wrong-job'
  | 'bad-signer'
  | 'unknown-signer'
  | 'bad-signature'
  | 'bad-payload'
  | 'duplicate'
  | 'conflict'
  | 'stale'
  | 'future'
  | 'flood'
  | 'full'

/** A refusal: what went wrong, in a code and in words. */
export interface Rejection {
  readonly code: RejectCode
  readonly detail: string
  /** For `conflict`: the hash of the message recorded first for the same slot. */
  readonly conflictsWith?: string
}

/** A failed result with a rejection. */
export function reject(code: RejectCode, detail: string): { ok: false; reason: Rejection } {
  return { ok: false, reason: { code, detail } }
}
