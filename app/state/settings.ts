/**
 * The donor's settings: whether the tab takes part, whether it is paused, how much of the time it
 * may compute, and whether it may train on battery or in a hidden tab. They persist in
 * `localStorage`, are validated field by field when read back (a bad or foreign value falls back
 * to its default instead of breaking the page), and map onto the autonomy loop's `UserSettings`.
 */
import { MIN_DUTY_CYCLE, type UserSettings } from '../../shared/autonomy/index.ts'

/** What the donor chose. */
export interface Settings {
  /** Take part in the swarm (train and vote); off: follow the chain without contributing. */
  readonly joined: boolean
  /** Stop training until resumed. */
  readonly paused: boolean
  /** Highest fraction of wall time the trainer may compute, in [MIN_DUTY_CYCLE, 1]. */
  readonly dutyCycle: number
  /** Train while the device runs on battery. Off by default. */
  readonly trainOnBattery: boolean
  /** Keep training at full duty when the tab is hidden. Off by default. */
  readonly trainWhenHidden: boolean
}

/** The settings of a first visit. */
export const DEFAULT_SETTINGS: Settings = {
  joined: true,
  paused: false,
  dutyCycle: 1,
  trainOnBattery: false,
  trainWhenHidden: false,
}

/** The `localStorage` key; the version changes if the shape ever does. */
export const SETTINGS_KEY = 'swarm-node/settings/v1'

/** The lowest duty cycle a donor may pick (the autonomy loop's own floor). */
export const MIN_DUTY = MIN_DUTY_CYCLE

/** The part of `localStorage` used here. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Settings from untrusted input: every valid field is kept, every invalid one is named. */
export function parseSettings(value: unknown): { settings: Settings; issues: string[] } {
  const issues: string[] = []
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { settings: DEFAULT_SETTINGS, issues: ['settings: not an object'] }
  }
  const raw = value as Record<string, unknown>
  const flag = (key: 'joined' | 'paused' | 'trainOnBattery' | 'trainWhenHidden'): boolean => {
    const v = raw[key]
    if (v === undefined) return DEFAULT_SETTINGS[key]
    if (typeof v === 'boolean') return v
    issues.push(`${key}: expected true or false`)
    return DEFAULT_SETTINGS[key]
  }
  let dutyCycle = DEFAULT_SETTINGS.dutyCycle
  if (raw.dutyCycle !== undefined) {
    const d = raw.dutyCycle
    if (typeof d === 'number' && Number.isFinite(d) && d >= MIN_DUTY && d <= 1) dutyCycle = d
    else issues.push(`dutyCycle: expected a number in [${MIN_DUTY}, 1]`)
  }
  const settings: Settings = {
    joined: flag('joined'),
    paused: flag('paused'),
    dutyCycle,
    trainOnBattery: flag('trainOnBattery'),
    trainWhenHidden: flag('trainWhenHidden'),
  }
  return { settings, issues }
}

/** Reads the saved settings, or the defaults when there are none or storage is unavailable. */
export function loadSettings(store: KeyValueStore | undefined): {
  settings: Settings
  issues: string[]
} {
  let text: string | null
  try {
    text = store?.getItem(SETTINGS_KEY) ?? null
  } catch {
    return { settings: DEFAULT_SETTINGS, issues: ['storage: unavailable'] }
  }
  if (text === null) return { settings: DEFAULT_SETTINGS, issues: [] }
  try {
    return parseSettings(JSON.parse(text))
  } catch {
    return { settings: DEFAULT_SETTINGS, issues: ['settings: not JSON'] }
  }
}

/** Saves the settings; false when storage refused (private mode, quota). */
export function saveSettings(store: KeyValueStore | undefined, settings: Settings): boolean {
  try {
    store?.setItem(SETTINGS_KEY, JSON.stringify(settings))
    return store !== undefined
  } catch {
    return false
  }
}

/** The autonomy loop's view of the same choices (its user limits). */
export function toUserSettings(s: Settings): Partial<UserSettings> {
  return {
    paused: s.paused,
    maxDutyCycle: s.dutyCycle,
    trainOnBattery: s.trainOnBattery,
    trainWhenHidden: s.trainWhenHidden,
  }
}
