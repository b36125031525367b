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
  const issues = unknownKeys(s, 'settings', DEFAULT_USER_SETTINGS)
  for (const key of ['trainOnBattery', 'trainWhenHidden', 'paused'] as const) {
    if (typeof s[key] !== 'boolean') {
      issues.push({
        path: `settings.${key}`,
        message: `must be true or false, got ${show(s[key])}`,
      })
    }
  }
  checkNumber(issues, s.maxDutyCycle, 'settings.maxDutyCycle', [MIN_DUTY_CYCLE, 1], false)
  const min = checkNumber(issues, s.minInnerSteps, 'settings.minInnerSteps', STEPS, true)
  const max = checkNumber(issues, s.maxInnerSteps, 'settings.maxInnerSteps', STEPS, true)
  if (min && max && s.minInnerSteps > s.maxInnerSteps) {
    issues.push({
      path: 'settings.minInnerSteps',
      message: `must be ≤ maxInnerSteps (${s.maxInnerSteps}), got ${s.minInnerSteps}`,
    })
  }
  return issues.length === 0 ? { ok: true, value: s } : { ok: false, reason: issues }
}

/** Fills defaults into partial thresholds and checks each against its bounds. */
export function resolveAdaptConfig(
  partial: Partial<AdaptConfig> = {},
): Result<AdaptConfig, Issue[]> {
  const c: AdaptConfig = { ...DEFAULT_ADAPT_CONFIG, ...partial }
  const issues = unknownKeys(c, 'adapt', DEFAULT_ADAPT_CONFIG)
  for (const key of Object.keys(ADAPT_CONFIG_BOUNDS) as (keyof AdaptConfig)[]) {
    checkNumber(
      issues,
      c[key],
      `adapt.${key}`,
      ADAPT_CONFIG_BOUNDS[key],
      INTEGER_KEYS.includes(key),
    )
  }
  if (issues.length === 0 && c.resyncRecovered < c.resyncBelow) {
    const message = `must be ≥ resyncBelow (${c.resyncBelow})`
    issues.push({ path: 'adapt.resyncRecovered', message })
  }
  if (issues.length === 0 && c.maxResyncBackoffMs < c.resyncBackoffMs) {
    const message = `must be ≥ resyncBackoffMs (${c.resyncBackoffMs})`
    issues.push({ path: 'adapt.maxResyncBackoffMs', message })
  }
  return issues.length === 0 ? { ok: true, value: c } : { ok: false, reason: issues }
}

/** Unwraps a resolved value or throws `InvalidSettingsError` with every issue. */
export function orThrow<T>(result: Result<T, Issue[]>): T {
  if (!result.ok) throw new InvalidSettingsError(result.reason)
  return result.value
}

const STEPS = [1, MAX_INNER_STEPS] as const

function unknownKeys(value: object, path: string, known: object): Issue[] {
  return Object.keys(value)
    .filter((key) => !Object.hasOwn(known, key))
    .map((key) => ({ path: `${path}.${key}`, message: 'is not a known field' }))
}

function checkNumber(
  issues: Issue[],
  value: unknown,
  path: string,
  [min, max]: readonly [number, number],
  integer: boolean,
): boolean {
  const message =
    typeof value !== 'number' || !Number.isFinite(value)
      ? `must be a finite number, got ${show(value)}`
      : integer && !Number.isSafeInteger(value)
        ? `must be an integer, got ${value}`
        : value < min || value > max
          ? `must be in [${min}, ${max}], got ${value}`
          : undefined
  if (message !== undefined) issues.push({ path, message })
  return message === undefined
}

/** A value as an error message shows it: JSON scalars as written, others by kind. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return `${value}`
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40))
  return Array.isArray(value)
    ? 'an array'
    : `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`
}
