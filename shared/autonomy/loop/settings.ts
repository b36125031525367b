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
import { show } from '../facts.ts'

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

/** Bounds of a number: [min, max], and whether it must be an integer. */
type Bounds = readonly [min: number, max: number, integer?: boolean]
/** What each field must be, by name. */
type Spec = Readonly<Record<string, Bounds | 'boolean'>>

const SETTING_BOUNDS: Spec = {
  trainOnBattery: 'boolean',
  trainWhenHidden: 'boolean',
  paused: 'boolean',
  maxDutyCycle: [MIN_DUTY_CYCLE, 1],
  minInnerSteps: [1, MAX_INNER_STEPS, true],
  maxInnerSteps: [1, MAX_INNER_STEPS, true],
}

/** Fills defaults into partial settings and checks them; on failure returns every issue. */
export function resolveSettings(
  partial: Partial<UserSettings> = {},
): Result<UserSettings, Issue[]> {
  const s = { ...DEFAULT_USER_SETTINGS, ...partial }
  const issues = check(s, 'settings', SETTING_BOUNDS)
  const stepsOk = !issues.some((i) => i.path.endsWith('InnerSteps'))
  if (stepsOk && s.minInnerSteps > s.maxInnerSteps) {
    const message = `must be ≤ maxInnerSteps (${s.maxInnerSteps}), got ${s.minInnerSteps}`
    issues.push({ path: 'settings.minInnerSteps', message })
  }
  return issues.length === 0 ? { ok: true, value: s } : { ok: false, reason: issues }
}

/** Fills defaults into partial thresholds and checks each against its bounds. */
export function resolveAdaptConfig(
  partial: Partial<AdaptConfig> = {},
): Result<AdaptConfig, Issue[]> {
  const c: AdaptConfig = { ...DEFAULT_ADAPT_CONFIG, ...partial }
  const issues = check(c, 'adapt', ADAPT_CONFIG_BOUNDS)
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

/** The issues of `value` against `spec`: unknown fields first, then each field in spec order. */
function check(value: object, path: string, spec: Spec): Issue[] {
  const issues = Object.keys(value)
    .filter((key) => !Object.hasOwn(spec, key))
    .map((key) => ({ path: `${path}.${key}`, message: 'is not a known field' }))
  for (const [key, bounds] of Object.entries(spec)) {
    const message = problem((value as Record<string, unknown>)[key], bounds)
    if (message !== undefined) issues.push({ path: `${path}.${key}`, message })
  }
  return issues
}

function problem(v: unknown, bounds: Bounds | 'boolean'): string | undefined {
  if (bounds === 'boolean') {
    return typeof v === 'boolean' ? undefined : `must be true or false, got ${show(v)}`
  }
  const [min, max, integer] = bounds
  if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a finite number, got ${show(v)}`
  if (integer === true && !Number.isSafeInteger(v)) return `must be an integer, got ${v}`
  if (v < min || v > max) return `must be in [${min}, ${max}], got ${v}`
  return undefined
}
