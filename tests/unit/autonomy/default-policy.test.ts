import { describe, expect, it } from 'vitest'
import type { Facts } from '../../../shared/autonomy/index.ts'
import { defaultRules, evaluateRules } from '../../../shared/autonomy/index.ts'

const USER = {
  'settings.trainOnBattery': false,
  'settings.trainWhenHidden': false,
  'settings.paused': false,
}

function setup(facts: Facts) {
  const evaluation = evaluateRules(defaultRules(), { ...USER, ...facts })
  return {
    evaluation,
    paused: evaluation.requests.paused?.value ?? false,
    duty: evaluation.requests.dutyCycle?.value,
    fired: evaluation.fired.map((o) => o.id),
  }
}

describe('the default policy', () => {
  it('lists its rules in evaluation order', () => {
    expect(defaultRules().map((r) => r.id)).toEqual([
      'user-paused',
      'battery-low',
      'on-battery',
      'pressure-critical',
      'pressure-serious',
      'hidden-throttle',
      'pressure-fair',
    ])
  })

  it('asks for nothing on a visible tab of a plugged-in device without pressure', () => {
    const { fired, evaluation } = setup({
      'battery.charging': true,
      'battery.level': 0.5,
      'tab.visible': true,
      'pressure.state': 'nominal',
    })
    expect(fired).toEqual([])
    expect(evaluation.requests).toEqual({})
  })

  it('asks for nothing where the browser has no battery, visibility or pressure API', () => {
    expect(setup({}).fired).toEqual([])
  })

  it('pauses on battery unless the user allows it', () => {
    expect(setup({ 'battery.charging': false, 'battery.level': 0.9 })).toMatchObject({
      paused: true,
      fired: ['on-battery'],
    })
    const allowed = setup({
      'battery.charging': false,
      'battery.level': 0.9,
      'settings.trainOnBattery': true,
    })
    expect(allowed.paused).toBe(false)
  })

  it('pauses with a low battery that is not charging even where training on battery is allowed', () => {
    const low = setup({
      'battery.charging': false,
      'battery.level': 0.1,
      'settings.trainOnBattery': true,
    })
    expect(low).toMatchObject({ paused: true, fired: ['battery-low'] })
    expect(low.evaluation.logs[0]?.level).toBe('warn')
    expect(setup({ 'battery.charging': true, 'battery.level': 0.1 }).paused).toBe(false)
  })

  it('throttles a hidden tab unless the user lets it train hidden', () => {
    expect(setup({ 'tab.visible': false })).toMatchObject({
      duty: 0.25,
      fired: ['hidden-throttle'],
    })
    expect(setup({ 'tab.visible': false, 'settings.trainWhenHidden': true }).duty).toBeUndefined()
  })

  it('backs off under compute pressure: fair a little, serious a lot, critical entirely', () => {
    expect(setup({ 'pressure.state': 'fair' }).duty).toBe(0.75)
    expect(setup({ 'pressure.state': 'serious' }).duty).toBe(0.25)
    expect(setup({ 'pressure.state': 'critical' }).paused).toBe(true)
  })

  it('keeps the lower duty when a hidden tab is also under fair pressure', () => {
    const both = setup({ 'tab.visible': false, 'pressure.state': 'fair' })
    expect(both.duty).toBe(0.25)
    expect(both.fired).toEqual(['hidden-throttle', 'pressure-fair'])
  })

  it('honours the user’s pause above everything and suppresses the rest', () => {
    const paused = setup({
      'settings.paused': true,
      'tab.visible': false,
      'pressure.state': 'fair',
    })
    expect(paused).toMatchObject({ paused: true, duty: undefined, fired: ['user-paused'] })
    expect(paused.evaluation.abortedBy).toBe('user-paused')
  })
})
