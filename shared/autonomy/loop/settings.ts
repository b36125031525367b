/**
 * The user's settings that bound the loop, and the thresholds of Reflect and Adapt, each
 * validated against fixed bounds so that no configuration can push the node outside them.
 */
import type { Issue } from '../../model/index.ts'
import type { Result } from '../../types/index.ts'
import {
  ADAPT_CONFIG_BOUNDS,
  DEFAULT_ADAPT_CONFIG,
  DEFAULT_USER_SETTINGS,
  MAX_INNER_STEPS,
  MIN_DUTY_CYCLE,
} from '../constants.ts'
import { InvalidSettingsError } from '../errors.ts'
import { Reader } from '../rules/reader.ts'

/** What the user allows the node to do. */
export interface UserSettings {
  /** Train while the device runs on battery (default false). */
  readonly trainOnBattery: boolean
  /** Train at full duty in a hidden tab (default false: throttled). */
  readonly trainWhenHidden: boolean
  /** The user paused the node. */
  readonly paused: boolean
  /** Highest duty cycle the loop may set, in [0.05, 1]. */
  readonly maxDutyCycle: number
  /** Lowest H the loop may set. */
  readonly minInnerSteps: number
  /** Highest H the loop may set (the job's H caps it too). */
  readonly maxInnerSteps: number
}

/** Thresholds of Reflect and Adapt (see `DEFAULT_ADAPT_CONFIG` for their meaning). */
export type AdaptConfig = { readonly [K in keyof typeof DEFAULT_ADAPT_CONFIG]: number }

const INTEGER_KEYS: readonly string[] = [
  'missStreak',
  'recoverStreak',
  'minAcceptanceSamples',
  'resyncBackoffMs',
  'maxResyncBackoffMs',
]

/** Fills defaults into partial settings and checks them; on failure returns every issue. */
export function resolveSettings(
  partial: Partial<UserSettings> = {},
): Result<UserSettings, Issue[]> {
  const s = { ...DEFAULT_USER_SETTINGS, ...partial }
  const r = new Reader()
  r.object(s, 'settings', Object.keys(DEFAULT_USER_SETTINGS))
  r.boolean(s.trainOnBattery, 'settings.trainOnBattery')
  r.boolean(s.trainWhenHidden, 'settings.trainWhenHidden')
  r.boolean(s.paused, 'settings.paused')
  r.number(s.maxDutyCycle, 'settings.maxDutyCycle', { min: MIN_DUTY_CYCLE, max: 1 })
  const steps = { min: 1, max: MAX_INNER_STEPS, integer: true }
  const min = r.number(s.minInnerSteps, 'settings.minInnerSteps', steps)
  const max = r.number(s.maxInnerSteps, 'settings.maxInnerSteps', steps)
  if (min !== undefined && max !== undefined && min > max) {
    r.issue('settings.minInnerSteps', `must be ≤ maxInnerSteps (${max}), got ${min}`)
  }
  return r.issues.length === 0 ? { ok: true, value: s } : { ok: false, reason: r.issues }
}

/** Fills defaults into partial thresholds and checks each against its bounds. */
export function resolveAdaptConfig(
  partial: Partial<AdaptConfig> = {},
): Result<AdaptConfig, Issue[]> {
  const c: AdaptConfig = { ...DEFAULT_ADAPT_CONFIG, ...partial }
  const r = new Reader()
  r.object(c, 'adapt', Object.keys(DEFAULT_ADAPT_CONFIG))
  for (const key of Object.keys(ADAPT_CONFIG_BOUNDS) as (keyof AdaptConfig)[]) {
    const [min, max] = ADAPT_CONFIG_BOUNDS[key]
    r.number(c[key], `adapt.${key}`, { min, max, integer: INTEGER_KEYS.includes(key) })
  }
  if (r.issues.length === 0 && c.resyncRecovered < c.resyncBelow) {
    r.issue('adapt.resyncRecovered', `must be ≥ resyncBelow (${c.resyncBelow})`)
  }
  if (r.issues.length === 0 && c.maxResyncBackoffMs < c.resyncBackoffMs) {
    r.issue('adapt.maxResyncBackoffMs', `must be ≥ resyncBackoffMs (${c.resyncBackoffMs})`)
  }
  return r.issues.length === 0 ? { ok: true, value: c } : { ok: false, reason: r.issues }
}

/** Unwraps a resolved value or throws `InvalidSettingsError` with every issue. */
export function orThrow<T>(result: Result<T, Issue[]>): T {
  if (!result.ok) throw new InvalidSettingsError(result.reason)
  return result.value
}
