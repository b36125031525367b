/**
 * Errors consensus throws. Each sets `name`, so callers branch on `err.name`. Votes, proposals
 * and certificates from peers never throw: they are checked into values (`{ ok: false, reason }`).
 */

/**
 * A committee that cannot run a height: no members, or a member count that is not a positive
 * integer. A `RangeError`, as the count is out of range.
 */
export class CommitteeSizeError extends RangeError {
  override readonly name = 'CommitteeSizeError'
}
