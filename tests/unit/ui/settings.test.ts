import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  loadSettings,
  parseSettings,
  saveSettings,
  toUserSettings,
  type KeyValueStore,
} from '../../../app/state/settings.ts'

function memory(
  initial: Record<string, string> = {},
): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial }
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
  }
}

describe('settings', () => {
  it('are on for taking part, off for battery and hidden-tab training on a first visit', () => {
    expect(loadSettings(memory())).toEqual({ settings: DEFAULT_SETTINGS, issues: [] })
    expect(DEFAULT_SETTINGS).toMatchObject({
      joined: true,
      paused: false,
      trainOnBattery: false,
      trainWhenHidden: false,
      dutyCycle: 1,
    })
  })

  it('round-trip through storage', () => {
    const store = memory()
    const chosen = { ...DEFAULT_SETTINGS, paused: true, dutyCycle: 0.4, trainOnBattery: true }
    expect(saveSettings(store, chosen)).toBe(true)
    expect(loadSettings(store)).toEqual({ settings: chosen, issues: [] })
  })

  it('keep every valid field of a damaged record and name each invalid one', () => {
    const store = memory({
      [SETTINGS_KEY]: JSON.stringify({ paused: true, dutyCycle: 7, trainWhenHidden: 'yes' }),
    })
    const { settings, issues } = loadSettings(store)
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, paused: true })
    expect(issues).toEqual([
      'dutyCycle: expected a number in [0.05, 1]',
      'trainWhenHidden: expected true or false',
    ])
  })

  it('fall back to the defaults on text that is not JSON or not an object', () => {
    expect(loadSettings(memory({ [SETTINGS_KEY]: '{oops' })).settings).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings([1, 2]).issues).toEqual(['settings: not an object'])
    expect(parseSettings({ dutyCycle: Number.NaN }).settings.dutyCycle).toBe(1)
    expect(parseSettings({ dutyCycle: 0.01 }).settings.dutyCycle).toBe(1)
  })

  it('survive a browser that refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loadSettings(refusing)).toEqual({
      settings: DEFAULT_SETTINGS,
      issues: ['storage: unavailable'],
    })
    expect(saveSettings(refusing, DEFAULT_SETTINGS)).toBe(false)
    expect(saveSettings(undefined, DEFAULT_SETTINGS)).toBe(false)
  })

  it('become the autonomy loop’s user limits', () => {
    expect(toUserSettings({ ...DEFAULT_SETTINGS, paused: true, dutyCycle: 0.3 })).toEqual({
      paused: true,
      maxDutyCycle: 0.3,
      trainOnBattery: false,
      trainWhenHidden: false,
    })
  })
})
