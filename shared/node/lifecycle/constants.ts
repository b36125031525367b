/** Timings of the node's lifecycle services (see `index.ts`). */

/** How often a joining node asks again, and a leaving member repeats its leave, ms. */
export const JOIN_RETRY_MS = 4_000
/** How long catch-up waits after a pass over every source found no valid checkpoint, ms. */
export const CHECKPOINT_RETRY_MS = 1_500
/** How long a resync looks for a verified checkpoint before it gives up and keeps the state, ms. */
export const RESYNC_TIMEOUT_MS = 45_000
/** Largest checkpoint accepted from a peer, bytes. */
export const CHECKPOINT_MAX_BYTES = 512 * 1024 * 1024
/** How long one peer may take to send its checkpoint, ms. */
export const CHECKPOINT_TIMEOUT_MS = 30_000
