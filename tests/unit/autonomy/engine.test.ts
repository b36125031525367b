import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Facts } from '../../../shared/autonomy/index.ts'
import { evaluateRules, parseRules } from '../../../shared/autonomy/index.ts'

const NOW = Date.UTC(2026, 0, 5, 12, 0)
const hidden = { fact: 'tab.visible', op: 'eq', value: false }
const lowBattery = { fact: 'battery.level', op: 'lt', value: 0.2 }

function setup(rules: unknown[], facts: Facts = { 'tab.visible': false, 'battery.level': 0.1 }) {
  return evaluateRules(parseRules({ version: 1, rules }), facts, NOW)
}

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
        actions: [{ type: 'resume' }],
      },
      {
        id: 'off',
        priority: 1,
        enabled: false,
        conditions: [hidden],
        actions: [{ type: 'pause' }],
      },
      { id: 'always', priority: 0, conditions: [], actions: [{ type: 'log', message: 'tick' }] },
    ])
    expect(evaluation.outcomes.map((o) => [o.id, o.status, o.reasons])).toEqual([
      ['on', 'fired', ['battery.level is 0.1, < 0.2']],
      ['miss', 'not-matched', ['tab.visible is false, not = true']],
      ['off', 'disabled', []],
      ['always', 'fired', ['no conditions']],
    ])
    expect(evaluation.fired.map((o) => o.id)).toEqual(['on', 'always'])
  })

  it('turns pause, resume and set into control requests naming the rule', () => {
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
    const resumed = setup([{ id: 'r', priority: 0, conditions: [], actions: [{ type: 'resume' }] }])
    expect(resumed.requests.paused).toEqual({ value: false, by: 'rule:r' })
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
      { id: 'go', priority: 0, conditions: [], actions: [{ type: 'resume' }] },
      { id: 'stop', priority: 3, conditions: [lowBattery], actions: [{ type: 'pause' }] },
    ])
    expect(evaluation.requests.dutyCycle).toEqual({ value: 0.3, by: 'rule:high' })
    expect(evaluation.requests.paused).toEqual({ value: true, by: 'rule:stop' })
    const low = evaluation.outcomes.find((o) => o.id === 'low')
    expect(low?.status).toBe('fired')
    expect(low?.notes).toEqual(['dutyCycle 0.9 overridden by rule:high'])
    expect(evaluation.outcomes.find((o) => o.id === 'go')?.notes).toEqual([
      'paused false overridden by rule:stop',
    ])
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
        conditions: [{ fact: 'battery.level', op: 'gt', value: 0.5 }],
        actions: [{ type: 'abort' }],
      },
      { id: 'later', priority: 5, conditions: [hidden], actions: [{ type: 'pause' }] },
    ])
    expect(evaluation.abortedBy).toBeUndefined()
    expect(evaluation.requests.paused?.by).toBe('rule:later')
  })

  it('gives the same evaluation whatever order the document lists the rules in', () => {
    const rules = [
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
      { id: 'e', priority: 2, conditions: [hidden], actions: [{ type: 'resume' }] },
    ]
    const reference = setup(rules)
    fc.assert(
      fc.property(fc.shuffledSubarray(rules, { minLength: rules.length }), (shuffled) => {
        expect(setup(shuffled)).toEqual(reference)
      }),
    )
  })
})
