import { describe, expect, it } from 'vitest'
import type { Condition, Facts } from '../../../shared/autonomy/index.ts'
import { evaluateCondition, parseRules } from '../../../shared/autonomy/index.ts'

// Monday 2026-01-05 12:00 UTC.
const NOON_MONDAY = Date.UTC(2026, 0, 5, 12, 0)

function setup(condition: Condition) {
  const set = parseRules({
    version: 1,
    rules: [{ id: 'c', priority: 0, conditions: [condition], actions: [{ type: 'pause' }] }],
  })
  const compiled = set.rules[0]?.condition
  if (compiled === undefined) throw new Error('no rule')
  return (facts: Facts, now = NOON_MONDAY) => evaluateCondition(compiled, facts, now)
}

describe('evaluateCondition on facts', () => {
  const facts: Facts = { 'battery.level': 0.15, 'tab.visible': false, 'pressure.state': 'fair' }

  it('compares numbers with eq, ne, gt, gte, lt and lte', () => {
    const cases: [Condition, boolean][] = [
      [{ fact: 'battery.level', op: 'eq', value: 0.15 }, true],
      [{ fact: 'battery.level', op: 'eq', value: 0.2 }, false],
      [{ fact: 'battery.level', op: 'ne', value: 0.2 }, true],
      [{ fact: 'battery.level', op: 'gt', value: 0.15 }, false],
      [{ fact: 'battery.level', op: 'gte', value: 0.15 }, true],
      [{ fact: 'battery.level', op: 'lt', value: 0.2 }, true],
      [{ fact: 'battery.level', op: 'lte', value: 0.1 }, false],
    ]
    for (const [condition, expected] of cases) {
      expect(setup(condition)(facts).value, JSON.stringify(condition)).toBe(expected)
    }
  })

  it('explains a comparison with the fact, its value and the test', () => {
    expect(setup({ fact: 'battery.level', op: 'lt', value: 0.2 })(facts).reasons).toEqual([
      'battery.level is 0.15, < 0.2',
    ])
    expect(setup({ fact: 'battery.level', op: 'gt', value: 0.2 })(facts).reasons).toEqual([
      'battery.level is 0.15, not > 0.2',
    ])
  })

  it('compares booleans and strings for equality', () => {
    expect(setup({ fact: 'tab.visible', op: 'eq', value: false })(facts).value).toBe(true)
    expect(setup({ fact: 'pressure.state', op: 'ne', value: 'fair' })(facts).value).toBe(false)
  })

  it('is false on an absent fact, so its negation is true', () => {
    const lt = setup({ fact: 'battery.charging', op: 'eq', value: false })
    expect(lt({})).toEqual({ value: false, reasons: ['battery.charging is absent'] })
    const not = setup({ not: { fact: 'battery.charging', op: 'eq', value: false } })
    expect(not({})).toEqual({ value: true, reasons: ['not (battery.charging is absent)'] })
  })

  it('is false when the fact has another type than the literal', () => {
    const result = setup({ fact: 'battery.level', op: 'lt', value: 0.2 })({
      'battery.level': 'low',
    })
    expect(result).toEqual({ value: false, reasons: ['battery.level is "low", not a number'] })
  })

  it('tests membership with in', () => {
    const inList = setup({ fact: 'pressure.state', op: 'in', value: ['fair', 'serious'] })
    expect(inList(facts)).toEqual({
      value: true,
      reasons: ['pressure.state is "fair", in ["fair", "serious"]'],
    })
    expect(inList({ 'pressure.state': 'nominal' }).value).toBe(false)
  })

  it('matches a pattern, case-insensitively when asked, and refuses over-long input', () => {
    const web = setup({ fact: 'train.backend', op: 'matches', value: '^web(gpu|gl)$' })
    expect(web({ 'train.backend': 'webgpu' }).value).toBe(true)
    expect(web({ 'train.backend': 'wasm' }).reasons).toEqual([
      'train.backend is "wasm", does not match /^web(gpu|gl)$/',
    ])
    expect(web({ 'train.backend': 'WEBGL' }).value).toBe(false)
    const anyCase = setup({ fact: 'train.backend', op: 'matches', value: '^web', ignoreCase: true })
    expect(anyCase({ 'train.backend': 'WEBGL' }).value).toBe(true)
    const long = anyCase({ 'train.backend': `web${'x'.repeat(70)}` })
    expect(long.value).toBe(false)
    expect(long.reasons[0]).toMatch(/longer than 64 characters/)
  })

  it('tells presence from absence with exists', () => {
    const exists = setup({ fact: 'battery.level', op: 'exists' })
    expect(exists(facts)).toEqual({ value: true, reasons: ['battery.level exists'] })
    expect(exists({}).value).toBe(false)
  })
})

describe('evaluateCondition on combinations', () => {
  const low = { fact: 'battery.level', op: 'lt', value: 0.2 } as const
  const unplugged = { fact: 'battery.charging', op: 'eq', value: false } as const

  it('gives every reason of a true all, and only the failing ones of a false all', () => {
    const all = setup({ all: [low, unplugged] })
    expect(all({ 'battery.level': 0.1, 'battery.charging': false }).reasons).toEqual([
      'battery.level is 0.1, < 0.2',
      'battery.charging is false, = false',
    ])
    expect(all({ 'battery.level': 0.5, 'battery.charging': false })).toEqual({
      value: false,
      reasons: ['battery.level is 0.5, not < 0.2'],
    })
  })

  it('gives only the holding reasons of a true any', () => {
    const any = setup({ any: [low, unplugged] })
    expect(any({ 'battery.level': 0.5, 'battery.charging': false })).toEqual({
      value: true,
      reasons: ['battery.charging is false, = false'],
    })
    expect(any({ 'battery.level': 0.5, 'battery.charging': true }).value).toBe(false)
  })

  it('negates with not', () => {
    const not = setup({ not: low })
    expect(not({ 'battery.level': 0.5 }).value).toBe(true)
    expect(not({ 'battery.level': 0.1 }).value).toBe(false)
  })
})

describe('evaluateCondition on time windows', () => {
  const at = (hour: number, minute = 0, day = 5) => Date.UTC(2026, 0, day, hour, minute)

  it('holds from "from" inclusive to "to" exclusive', () => {
    const work = setup({ time: { from: '09:00', to: '17:00' } })
    expect(work({}, at(9)).value).toBe(true)
    expect(work({}, at(16, 59)).value).toBe(true)
    expect(work({}, at(17)).value).toBe(false)
    expect(work({}, at(8, 59)).reasons).toEqual(['time 08:59 Mon is not in 09:00–17:00 UTC+0m'])
  })

  it('wraps past midnight when "to" is before "from"', () => {
    const night = setup({ time: { from: '22:00', to: '06:00' } })
    expect(night({}, at(23)).value).toBe(true)
    expect(night({}, at(3)).value).toBe(true)
    expect(night({}, at(12)).value).toBe(false)
  })

  it('applies the UTC offset and the days of the week', () => {
    // 23:30 UTC on Monday is 00:30 on Tuesday at UTC+60.
    const tuesdayEarly = setup({
      time: { from: '00:00', to: '01:00', days: [2], utcOffsetMinutes: 60 },
    })
    expect(tuesdayEarly({}, at(23, 30)).value).toBe(true)
    expect(tuesdayEarly({}, at(0, 30)).value).toBe(false)
    const weekend = setup({ time: { from: '00:00', to: '23:59', days: [0, 6] } })
    expect(weekend({}, at(12, 0, 10)).value).toBe(true)
    expect(weekend({}, at(12, 0, 5)).value).toBe(false)
    // Negative offsets and times before the epoch still land on the right day: 1969-12-31 00:30
    // UTC (a Wednesday) is 19:30 on Tuesday at UTC−5h.
    const west = setup({ time: { from: '19:00', to: '20:00', days: [2], utcOffsetMinutes: -300 } })
    expect(west({}, Date.UTC(1969, 11, 31, 0, 30)).reasons).toEqual([
      'time 19:30 Tue is in 19:00–20:00 UTC-300m on days 2',
    ])
  })
})
