/** Limits and defaults of the autonomy loop, its policy and its audit log. */

/** Lowest duty cycle the loop ever sets: below it a round never finishes. */
export const MIN_DUTY_CYCLE = 0.05
/** Largest H (inner steps per round) a rule or a setting may name. */
export const MAX_INNER_STEPS = 100_000
/** Compression levels run from 0 (none) to this (smallest updates); the actuator maps them. */
export const MAX_COMPRESSION_LEVEL = 3

/** Rounds of history kept to compute streaks, acceptance and the loss trend. */
export const HISTORY_ROUNDS = 64
/** Own updates over which the acceptance rate is computed. */
export const ACCEPTANCE_WINDOW = 8
/** Rounds over which the loss trend (least-squares slope per round) is computed. */
export const LOSS_TREND_WINDOW = 8
/** Fewest losses needed for a trend. */
export const MIN_LOSS_POINTS = 3
/** Token balance samples kept for the earning rate. */
export const MAX_BALANCE_SAMPLES = 256
/** Span of the earning-rate window (one hour). */
export const TOKENS_WINDOW_MS = 3_600_000
/** Shortest span over which an earning rate is reported. */
export const MIN_TOKENS_SPAN_MS = 60_000
/** Longest string fact a sensor may report; longer ones are cut. */
export const MAX_FACT_STRING = 64

/** Signing-context kind of audit entries (`swarm/v1/<job>/autonomy-audit`). */
export const AUDIT_CONTEXT_KIND = 'autonomy-audit'
/** Version of the audit entry body. */
export const AUDIT_FORMAT_VERSION = 1
/** Storage keys of the audit log start with this, then the job id. */
export const AUDIT_STORAGE_PREFIX = 'autonomy/audit/v1/'
/** Default most entries kept in storage (about 8 KB each, mostly the signature). */
export const DEFAULT_AUDIT_MAX_ENTRIES = 256
/** Bounds of the configurable entry limit. */
export const AUDIT_MAX_ENTRIES_RANGE = { min: 1, max: 10_000 } as const
/** Largest encoded body of one audit entry, in bytes. */
export const MAX_AUDIT_BODY_BYTES = 65_536
/** Most reasons kept per fired rule in an audit entry. */
export const MAX_AUDIT_REASONS = 8
/** Most notes in one audit entry. */
export const MAX_AUDIT_NOTES = 16
/** Longest reason, note or message kept in an audit entry. */
export const MAX_AUDIT_TEXT = 160
/** `prevHash` of the first entry of a log that has never been trimmed. */
export const GENESIS_HASH = '0'.repeat(64)

/** Default policy: duty cycle of a hidden tab unless the user lets it train hidden. */
export const HIDDEN_DUTY_CYCLE = 0.25

/**
 * Default thresholds of Reflect and Adapt (see `loop/adapt.ts`).
 *
 * @remarks
 * H moves like TCP congestion control (AIMD, Jacobson 1988): a multiplicative cut after
 * `missStreak` missed deadlines in a row, a gentler rise after `recoverStreak` rounds on time.
 * Resyncs back off exponentially while they do not bring acceptance back.
 */
export const DEFAULT_ADAPT_CONFIG = {
  /** Missed deadlines in a row (since the last change) that trigger an adaptation. */
  missStreak: 2,
  /** Rounds on time in a row (since the last change) before H is raised again. */
  recoverStreak: 6,
  /** H is multiplied by this when deadlines are missed (and drops by at least 1). */
  innerStepsDecrease: 0.75,
  /** H is multiplied by this when the node keeps up (and rises by at least 1). */
  innerStepsIncrease: 1.25,
  /** The baseline duty cycle rises by this when deadlines are missed below the user's cap. */
  dutyStep: 0.25,
  /** Acceptance rate below which the node resyncs from the latest checkpoint. */
  resyncBelow: 0.5,
  /** Acceptance rate at which a resync counts as having helped (the backoff resets). */
  resyncRecovered: 0.75,
  /** Own updates needed in the window before the acceptance rate is trusted. */
  minAcceptanceSamples: 4,
  /** Wait after a resync before the next one; doubles while resyncs do not help. */
  resyncBackoffMs: 120_000,
  /** Longest wait between resyncs. */
  maxResyncBackoffMs: 1_800_000,
} as const

/** Inclusive bounds of every Adapt threshold a caller may override, and whether it is a count. */
export const ADAPT_CONFIG_BOUNDS = {
  missStreak: [1, 20, true],
  recoverStreak: [1, 100, true],
  innerStepsDecrease: [0.1, 0.95],
  innerStepsIncrease: [1.01, 4],
  dutyStep: [0.01, 1],
  resyncBelow: [0, 0.95],
  resyncRecovered: [0.05, 1],
  minAcceptanceSamples: [1, ACCEPTANCE_WINDOW, true],
  resyncBackoffMs: [1_000, 3_600_000, true],
  maxResyncBackoffMs: [1_000, 86_400_000, true],
} as const

/** Default user settings: no training on battery, throttled when hidden, full duty otherwise. */
export const DEFAULT_USER_SETTINGS = {
  trainOnBattery: false,
  trainWhenHidden: false,
  paused: false,
  maxDutyCycle: 1,
  minInnerSteps: 1,
  maxInnerSteps: MAX_INNER_STEPS,
} as const
