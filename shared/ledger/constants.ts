/** Units, defaults and limits of the rUv ledger (DESIGN.md, "Ledger"). */

/** Decimal places of rUv: amounts are integer micro-rUv. */
export const RUV_DECIMALS = 6
/** Micro-rUv in one rUv (10^6). */
export const MICRO_PER_RUV = 1_000_000n
/** The unit's name, as the UI shows it. */
export const RUV_SYMBOL = 'rUv'

/** Qualities are quantized to parts per million before they touch an integer reward. */
export const QUALITY_SCALE = 1_000_000

/** Default reward for one included update of quality 1 with at least the sample target: 1 rUv. */
export const DEFAULT_UPDATE_REWARD = 1_000_000n
/** Default sample target: an update of this many samples or more earns the full reward. */
export const DEFAULT_TARGET_SAMPLES = 3200
/** Default reward to the proposer of a certified block: 0.1 rUv. */
export const DEFAULT_PROPOSER_REWARD = 100_000n
/** Default reward to each signer of the previous height's commit: 0.01 rUv. */
export const DEFAULT_VOTER_REWARD = 10_000n
/** Default share of the balance burned on proven equivocation: 1/2 (job manifests: 5000 bps). */
export const DEFAULT_SLASH_NUM = 1n
/** Denominator of the default slash fraction. */
export const DEFAULT_SLASH_DEN = 2n
/** Default heights an equivocator stays evicted (membership enforces it). */
export const DEFAULT_EVICTION_HEIGHTS = 10
/** Basis points in 1, the unit of `slashBps` in a job manifest. */
export const BPS_DENOMINATOR = 10_000n

/**
 * Largest amount one transfer may move: 10^9 rUv. Far above any balance this network mints
 * (1 rUv per update), it only keeps absurd values out; a bigger transfer is skipped as `over-cap`.
 */
export const MAX_TRANSFER_AMOUNT = 1_000_000_000n * MICRO_PER_RUV
/** Largest reward parameter a job may set per update, proposer or voter: 10^6 rUv. */
export const MAX_REWARD = 1_000_000n * MICRO_PER_RUV

/**
 * Largest integer the ledger holds (balances, totals, nonces): 2^64 − 1. Minting at 10^6 rUv per
 * height would take 18 million heights to reach it; reaching it is an invariant violation.
 */
export const MAX_LEDGER_INTEGER = (1n << 64n) - 1n
/** Varint bytes of the largest ledger integer (⌈64 / 7⌉). */
export const LEDGER_INTEGER_VARINT_BYTES = 10

/** Version of the canonical ledger-state encoding. */
export const LEDGER_STATE_VERSION = 1
/** Domain tag that opens every encoded ledger state, so its hash cannot collide with another kind. */
export const LEDGER_STATE_TAG = 'swarm/ledger'
/** Most accounts a decoded ledger state may hold. */
export const MAX_LEDGER_ACCOUNTS = 10_000_000
