/** Errors of the ledger: each one is a bug in this module or its caller, never a peer's fault. */

/**
 * Raised when a ledger state breaks an invariant (a negative balance, a supply that is not
 * minted − burned, an integer out of range). Peer input can never cause it; it means a bug.
 */
export class LedgerInvariantError extends Error {
  override name = 'LedgerInvariantError'
}

/**
 * Raised when `applyHeight` or `createLedger` gets malformed input (a height out of sequence, a
 * node twice, a quality outside [0, 1], invalid parameters). Validate a proposed block with
 * `checkOutcome` first: it returns the same problems as values.
 */
export class LedgerInputError extends Error {
  override name = 'LedgerInputError'
}
