/** How much history the dashboard keeps in memory (it never grows without bound). */

/** Certificates listed in the consensus view. */
export const MAX_CERTIFICATES = 8
/** Heights on the consensus timeline. */
export const MAX_TIMELINE = 40
/** Evidence records kept. */
export const MAX_EVIDENCE = 20
/** Heights of rewards and slashes kept for this node. */
export const MAX_EARNINGS = 500
/** Transfers touching this node kept. */
export const MAX_TRANSFERS = 50
/** Training rounds, evaluations and traffic records kept (one per height each). */
export const MAX_SERIES = 500
/** Audit entries shown. */
export const MAX_AUDIT = 50
/** Committed heights the node status keeps (with their state hashes, for cross-tab checks). */
export const MAX_COMMITTED = 50
