import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Condition, Facts, Rule } from '../../../shared/autonomy/index.ts'
import { evaluateRules } from '../../../shared/autonomy/index.ts'

const hidden: Condition = { fact: 'tab.visible', op: 'eq', value: false }
const lowBattery: Condition = { fact: 'battery.level', op: 'lt', value: 0.2 }
const unplugged: Condition = { fact: 'battery.charging', op: 'eq', value: false }

function setup(rules: Rule[], facts: Facts = { 'tab.visible': false, 'battery.level': 0.1 }) {
  return evaluateRules(rules, facts)
}

/** The value and reasons of one rule holding `conditions` over `facts`. */
function holds(conditions: Condition[], facts: Facts) {
  const [outcome] = setup([{ id: 'c', priority: 0, conditions, actions: [] }], facts).outcomes
  return { value: outcome?.status === 'fired', reasons: outcome?.reasons }
}

describe('conditions', () => {
  const facts: Facts = { 'battery.level': 0.15, 'tab.visible': false, 'pressure.state': 'fair' }

  it('compares with eq and lt, and explains with the fact, its value and the test', () => {
    expect(holds([{ fact: 'battery.level', op: 'eq', value: 0.15 }], facts).value).toBe(true)
    expect(holds([{ fact: 'battery.level', op: 'eq', value: 0.2 }], facts).value).toBe(false)
    expect(holds([lowBattery], facts)).toEqual({
      value: true,
      reasons: ['battery.level is 0.15, < 0.2'],
    })
    expect(holds([{ fact: 'battery.level', op: 'lt', value: 0.1 }], facts)).toEqual({
      value: false,
      reasons: ['battery.level is 0.15, not < 0.1'],
    })
    expect(holds([hidden], facts).value).toBe(true)
    expect(holds([{ fact: 'pressure.state', op: 'eq', value: 'fair' }], facts).value).toBe(true)
  })

  it('is false on an absent fact', () => {
    expect(holds([unplugged], {})).toEqual({
      value: false,
      reasons: ['battery.charging is absent'],
    })
  })

  it('is false when the fact has another type than the literal', () => {
    expect(holds([lowBattery], { 'battery.level': 'low' })).toEqual({
      value: false,
      reasons: ['battery.level is "low", not a number'],
    })
  })

  it('gives every reason of rule that fires, and only the failing ones of one that does not', () => {
    expect(
      holds([lowBattery, unplugged], { 'battery.level': 0.1, 'battery.charging': false }),
    ).toEqual({
      value: true,
      reasons: ['battery.level is 0.1, < 0.2', 'battery.charging is false, = false'],
    })
    expect(
      holds([lowBattery, unplugged], { 'battery.level': 0.5, 'battery.charging': false }),
    ).toEqual({
      value: false,
      reasons: ['battery.level is 0.5, not < 0.2'],
    })
  })
})

describe('evaluateRules', () => {
  it('evaluates rules by priority descending, then by id', () => {
    const evaluation = setup([
      { id: 'b', priority: 1, conditions: [hidden], actions: [{ type: 'log', message: 'b' }] },
      { id: 'a', priority: 1, conditions: [hidden], actions: [{ type: 'log', message: 'a' }] },
      { id: 'z', priority: 7, conditions: [hidden], actions: [{ type: 'log', message: 'z' }] },
    ])
    expect(evaluation.outcomes.map((o) => o.id)).toEqual(['z', 'a', 'b'])
    expect(evaluation.logs.map((l) => l.message)).toEqual(['z', 'a', 'b'])
  })

  it('returns every rule with its status and the reasons behind it', () => {
    const evaluation = setup([
      { id: 'on', priority: 3, conditions: [lowBattery], actions: [{ type: 'pause' }] },
      {
        id: 'miss',
        priority: 2,
        conditions: [{ fact: 'tab.visible', op: 'eq', value: true }],
        actions: [{ type: 'pause' }],
      },
      { id: 'always', priority: 0, conditions: [], actions: [{ type: 'log', message: 'tick' }] },
    ])
    expect(evaluation.outcomes.map((o) => [o.id, o.status, o.reasons])).toEqual([
      ['on', 'fired', ['battery.level is 0.1, < 0.2']],
      ['miss', 'not-matched', ['tab.visible is false, not = true']],
      ['always', 'fired', ['no conditions']],
    ])
    expect(evaluation.fired.map((o) => o.id)).toEqual(['on', 'always'])
  })

  it('turns pause and set into control requests naming the rule', () => {
    const evaluation = setup([
      { id: 'p', priority: 5, conditions: [lowBattery], actions: [{ type: 'pause' }] },
      {
        id: 's',
        priority: 4,
        conditions: [hidden],
        actions: [
          { type: 'set', control: 'dutyCycle', value: 0.25 },
          { type: 'set', control: 'innerSteps', value: 12 },
          { type: 'set', control: 'backend', value: 'wasm' },
          { type: 'set', control: 'compression', value: 3 },
        ],
      },
    ])
    expect(evaluation.requests).toEqual({
      paused: { value: true, by: 'rule:p' },
      dutyCycle: { value: 0.25, by: 'rule:s' },
      innerSteps: { value: 12, by: 'rule:s' },
      backend: { value: 'wasm', by: 'rule:s' },
      compression: { value: 3, by: 'rule:s' },
    })
  })

  it('lets the higher-priority rule win a control and notes the overridden request', () => {
    const evaluation = setup([
      {
        id: 'low',
        priority: 1,
        conditions: [hidden],
        actions: [{ type: 'set', control: 'dutyCycle', value: 0.9 }],
      },
      {
        id: 'high',
        priority: 2,
        conditions: [hidden],
        actions: [{ type: 'set', control: 'dutyCycle', value: 0.3 }],
      },
    ])
    expect(evaluation.requests.dutyCycle).toEqual({ value: 0.3, by: 'rule:high' })
    const low = evaluation.outcomes.find((o) => o.id === 'low')
    expect(low?.status).toBe('fired')
    expect(low?.notes).toEqual(['dutyCycle 0.9 overridden by rule:high'])
  })

  it('suppresses the actions of every later rule after an abort, but still evaluates them', () => {
    const evaluation = setup([
      {
        id: 'first',
        priority: 9,
        conditions: [lowBattery],
        actions: [{ type: 'pause' }, { type: 'abort' }],
      },
      {
        id: 'later',
        priority: 5,
        conditions: [hidden],
        actions: [{ type: 'set', control: 'dutyCycle', value: 0.5 }],
      },
      {
        id: 'quiet',
        priority: 4,
        conditions: [{ fact: 'tab.visible', op: 'eq', value: true }],
        actions: [{ type: 'log', message: 'x' }],
      },
    ])
    expect(evaluation.abortedBy).toBe('first')
    expect(evaluation.requests).toEqual({ paused: { value: true, by: 'rule:first' } })
    expect(evaluation.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['first', 'fired'],
      ['later', 'suppressed'],
      ['quiet', 'not-matched'],
    ])
    expect(evaluation.outcomes[1]?.notes).toEqual(['actions suppressed by rule "first"'])
    expect(evaluation.fired.map((o) => o.id)).toEqual(['first'])
  })

  it('does not abort when the aborting rule does not fire', () => {
    const evaluation = setup([
      {
        id: 'first',
        priority: 9,
        conditions: [{ fact: 'battery.level', op: 'lt', value: 0.05 }],
        actions: [{ type: 'abort' }],
      },
      { id: 'later', priority: 5, conditions: [hidden], actions: [{ type: 'pause' }] },
    ])
    expect(evaluation.abortedBy).toBeUndefined()
    expect(evaluation.requests.paused?.by).toBe('rule:later')
  })

  it('gives the same evaluation whatever order the rules are listed in', () => {
    const rules: Rule[] = [
      {
        id: 'a',
        priority: 1,
        conditions: [hidden],
        actions: [{ type: 'set', control: 'dutyCycle', value: 0.5 }],
      },
      {
        id: 'b',
        priority: 1,
        conditions: [hidden],
        actions: [{ type: 'set', control: 'dutyCycle', value: 0.7 }],
      },
      {
        id: 'c',
        priority: 2,
        conditions: [lowBattery],
        actions: [{ type: 'log', message: 'c' }, { type: 'abort' }],
      },
      { id: 'd', priority: 0, conditions: [lowBattery], actions: [{ type: 'pause' }] },
      { id: 'e', priority: 2, conditions: [hidden], actions: [{ type: 'pause' }] },
    ]
    const reference = setup(rules)
    fc.assert(
      fc.property(fc.shuffledSubarray(rules, { minLength: rules.length }), (shuffled) => {
        expect(setup(shuffled)).toEqual(reference)
      }),
    )
  })
})
