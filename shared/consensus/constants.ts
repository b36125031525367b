/**
 * Consensus constants. Timeouts grow linearly with the round, as Tendermint requires for
 * liveness after GST (Buchman, Kwon, Milosevic, arXiv 1807.04938, §4: "timeouts increase with
 * the round number").
 */

/** Base propose timeout. Covers block validation, which may fetch missing payloads. */
export const TIMEOUT_PROPOSE_MS = 3_000
/** Added to the propose timeout per round. */
export const TIMEOUT_PROPOSE_DELTA_MS = 1_000
/** Base prevote timeout (after seeing a quorum of prevotes for different values). */
export const TIMEOUT_PREVOTE_MS = 1_000
/** Added to the prevote timeout per round. */
export const TIMEOUT_PREVOTE_DELTA_MS = 500
/** Base precommit timeout (after seeing a quorum of precommits for different values). */
export const TIMEOUT_PRECOMMIT_MS = 1_000
/** Added to the precommit timeout per round. */
export const TIMEOUT_PRECOMMIT_DELTA_MS = 500

/** Highest round a message may name; a Byzantine node cannot make us allocate past it. */
export const MAX_ROUND = 1_000

/** Protocol version of consensus messages. */
export const CONSENSUS_VERSION = 1
