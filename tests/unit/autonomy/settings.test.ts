import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ADAPT_CONFIG,
  DEFAULT_USER_SETTINGS,
  resolveAdaptConfig,
  resolveSettings,
} from '../../../shared/autonomy/index.ts'

describe('resolveSettings', () => {
  it('defaults to no training on battery, throttled when hidden, and full duty', () => {
    expect(resolveSettings()).toEqual({ ok: true, value: DEFAULT_USER_SETTINGS })
    expect(DEFAULT_USER_SETTINGS).toMatchObject({ trainOnBattery: false, trainWhenHidden: false })
  })

  it('names every bad setting', () => {
    const result = resolveSettings({
      maxDutyCycle: 0,
      minInnerSteps: 1.5,
      trainOnBattery: 'yes' as never,
      colour: 'red',
    } as never)
    expect(result.ok ? [] : result.reason.map((i) => i.path)).toEqual([
      'settings.colour',
      'settings.trainOnBattery',
      'settings.maxDutyCycle',
      'settings.minInnerSteps',
    ])
  })
})

describe('resolveAdaptConfig', () => {
  it('defaults to the documented thresholds', () => {
    expect(resolveAdaptConfig()).toEqual({ ok: true, value: DEFAULT_ADAPT_CONFIG })
  })

  it('refuses thresholds out of bounds or inconsistent', () => {
    const bad = resolveAdaptConfig({ innerStepsDecrease: 1, recoverStreak: 2.5 })
    expect(bad.ok ? [] : bad.reason.map((i) => i.message)).toEqual([
      'must be an integer, got 2.5',
      'must be in [0.1, 0.95], got 1',
    ])
    const backoff = resolveAdaptConfig({ resyncBackoffMs: 60_000, maxResyncBackoffMs: 30_000 })
    expect(backoff.ok ? '' : backoff.reason[0]?.path).toBe('adapt.maxResyncBackoffMs')
  })
})
