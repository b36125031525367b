import { describe, expect, it } from 'vitest'
import type { Issue } from '../../../shared/model/index.ts'
import {
  InvalidRulesError,
  loadRules,
  MAX_CONDITION_DEPTH,
  MAX_RULES,
  parseRules,
} from '../../../shared/autonomy/index.ts'

const rule = (over: Record<string, unknown> = {}) => ({
  id: 'r',
  priority: 1,
  conditions: [{ fact: 'battery.level', op: 'lt', value: 0.2 }],
  actions: [{ type: 'pause' }],
  ...over,
})
const doc = (...rules: unknown[]) => ({ version: 1, rules })

function issuesOf(raw: unknown): Issue[] {
  const loaded = loadRules(raw)
  if (loaded.ok) throw new Error('expected the document to be rejected')
  return loaded.reason
}

function expectIssue(raw: unknown, path: string, message: RegExp): void {
  const issues = issuesOf(raw)
  const hit = issues.find((i) => i.path === path)
  expect(hit, `issues were ${JSON.stringify(issues)}`).toBeDefined()
  expect(hit?.message).toMatch(message)
}

describe('loadRules', () => {
  it('accepts a valid document and orders rules by priority, then id', () => {
    const loaded = loadRules(
      doc(
        rule({ id: 'b', priority: 5 }),
        rule({ id: 'c', priority: 9 }),
        rule({ id: 'a', priority: 5 }),
      ),
    )
    expect(loaded.ok).toBe(true)
    if (loaded.ok) expect(loaded.value.rules.map((r) => r.id)).toEqual(['c', 'a', 'b'])
  })

  it('accepts every condition and action kind', () => {
    const loaded = loadRules(
      doc(
        rule({
          conditions: [
            { fact: 'battery.level', op: 'eq', value: 1 },
            { fact: 'battery.level', op: 'ne', value: 1 },
            { fact: 'battery.level', op: 'gte', value: 0 },
            { fact: 'battery.level', op: 'lte', value: 1 },
            { fact: 'battery.level', op: 'gt', value: 0 },
            { fact: 'pressure.state', op: 'in', value: ['fair', 'serious'] },
            { fact: 'train.backend', op: 'matches', value: '^web', ignoreCase: true },
            { fact: 'tab.visible', op: 'exists' },
            { time: { from: '22:00', to: '06:00', days: [0, 6], utcOffsetMinutes: 60 } },
            { any: [{ not: { fact: 'tab.visible', op: 'eq', value: true } }] },
          ],
          actions: [
            { type: 'set', control: 'dutyCycle', value: 0.5 },
            { type: 'set', control: 'innerSteps', value: 20 },
            { type: 'set', control: 'backend', value: 'wasm' },
            { type: 'set', control: 'compression', value: 2 },
            { type: 'pause' },
            { type: 'log', message: 'hello', level: 'warn' },
            { type: 'abort' },
          ],
        }),
        rule({ id: 'r2', enabled: false, description: 'off', actions: [{ type: 'resume' }] }),
      ),
    )
    expect(loaded.ok ? [] : loaded.reason).toEqual([])
  })

  it('rejects a document that is not an object with version 1 and a rules list', () => {
    expectIssue([], '$', /must be an object, got an array/)
    expectIssue({ version: 2, rules: [] }, '$.version', /must be 1, got 2/)
    expectIssue({ version: 1 }, '$.rules', /is required/)
    expectIssue({ version: 1, rules: [], extra: 1 }, '$.extra', /not a known field/)
    const many = Array.from({ length: MAX_RULES + 1 }, (_, i) => rule({ id: `r${i}` }))
    expectIssue(doc(...many), '$.rules', /must have 0 to 64 items, has 65/)
  })

  it('rejects bad ids, duplicate ids, priorities and unknown fields with their paths', () => {
    expectIssue(doc(rule({ id: 'Bad Id' })), '$.rules[0].id', /lowercase id/)
    expectIssue(doc(rule(), rule()), '$.rules[1].id', /duplicates the id of rules\[0\]/)
    expectIssue(doc(rule({ priority: 1.5 })), '$.rules[0].priority', /must be an integer/)
    expectIssue(doc(rule({ priority: 5000 })), '$.rules[0].priority', /\[-1000, 1000\]/)
    expectIssue(doc(rule({ when: [] })), '$.rules[0].when', /not a known field/)
    expectIssue(doc(rule({ enabled: 'yes' })), '$.rules[0].enabled', /true or false/)
    const { actions: _, ...noActions } = rule()
    expectIssue(doc(noActions), '$.rules[0].actions', /is required/)
  })

  it('rejects unknown facts, unknown operators and literals of the wrong type', () => {
    const at = '$.rules[0].conditions[0]'
    const cond = (c: unknown) => doc(rule({ conditions: [c] }))
    expectIssue(
      cond({ fact: 'battery.levle', op: 'lt', value: 1 }),
      `${at}.fact`,
      /unknown fact "battery.levle"/,
    )
    expectIssue(
      cond({ fact: 'battery.level', op: 'below', value: 1 }),
      `${at}.op`,
      /must be one of/,
    )
    expectIssue(
      cond({ fact: 'battery.level', op: 'lt', value: 'low' }),
      `${at}.value`,
      /must be a number/,
    )
    expectIssue(
      cond({ fact: 'tab.visible', op: 'gt', value: true }),
      `${at}.op`,
      /needs a number fact/,
    )
    expectIssue(
      cond({ fact: 'pressure.state', op: 'eq', value: 'hot' }),
      `${at}.value`,
      /is never "hot"/,
    )
    expectIssue(cond({ fact: 'battery.level', op: 'lt' }), `${at}.value`, /is required/)
    expectIssue(
      cond({ fact: 'tab.visible', op: 'exists', value: true }),
      `${at}.value`,
      /not a known field/,
    )
    expectIssue(
      cond({ fact: 'pressure.state', op: 'in', value: [] }),
      `${at}.value`,
      /1 to 32 items/,
    )
    expectIssue(
      cond({ fact: 'pressure.state', op: 'in', value: ['fair', 3] }),
      `${at}.value[1]`,
      /must be a string/,
    )
    expectIssue(
      cond({ fact: 'battery.level', op: 'lt', value: 1, ignoreCase: true }),
      `${at}.ignoreCase`,
      /not a known field/,
    )
  })

  it('rejects regular expressions that are unsafe, too long or do not compile', () => {
    const at = '$.rules[0].conditions[0].value'
    const pattern = (value: string) =>
      doc(rule({ conditions: [{ fact: 'train.backend', op: 'matches', value }] }))
    expectIssue(pattern('(a+)+$'), at, /nested quantifiers/)
    expectIssue(pattern('(a|aa)*b'), at, /alternation/)
    expectIssue(pattern('(w)\\1'), at, /backreferences/)
    expectIssue(pattern('x'.repeat(65)), at, /at most 64/)
    expectIssue(pattern('(unclosed'), at, /does not compile/)
    expectIssue(
      doc(rule({ conditions: [{ fact: 'battery.level', op: 'matches', value: '1' }] })),
      '$.rules[0].conditions[0].op',
      /needs a string fact/,
    )
  })

  it('rejects malformed time windows', () => {
    const at = '$.rules[0].conditions[0].time'
    const time = (w: unknown) => doc(rule({ conditions: [{ time: w }] }))
    expectIssue(time({ from: '25:00', to: '06:00' }), `${at}.from`, /HH:MM/)
    expectIssue(time({ from: '06:00', to: '06:00' }), at, /would be empty/)
    expectIssue(
      time({ from: '06:00', to: '07:00', days: [1, 1] }),
      `${at}.days[1]`,
      /repeats day 1/,
    )
    expectIssue(time({ from: '06:00', to: '07:00', days: [7] }), `${at}.days[0]`, /\[0, 6\]/)
    expectIssue(
      time({ from: '06:00', to: '07:00', utcOffsetMinutes: 900 }),
      `${at}.utcOffsetMinutes`,
      /\[-720, 840\]/,
    )
  })

  it('rejects conditions of no kind, of two kinds, or nested too deep', () => {
    const at = '$.rules[0].conditions[0]'
    expectIssue(doc(rule({ conditions: [{}] })), at, /must have one of "fact"/)
    expectIssue(doc(rule({ conditions: [{ all: [], any: [] }] })), at, /has both "all" and "any"/)
    expectIssue(doc(rule({ conditions: [{ all: [] }] })), `${at}.all`, /1 to 16 items/)
    let deep: unknown = { fact: 'tab.visible', op: 'exists' }
    for (let i = 0; i < MAX_CONDITION_DEPTH + 1; i++) deep = { not: deep }
    const issues = issuesOf(doc(rule({ conditions: [deep] })))
    expect(issues.some((i) => /nests deeper than 6 levels/.test(i.message))).toBe(true)
  })

  it('rejects unknown actions, out-of-range values and contradictory actions', () => {
    const at = '$.rules[0].actions'
    const act = (...actions: unknown[]) => doc(rule({ actions }))
    expectIssue(act({ type: 'explode' }), `${at}[0].type`, /must be one of "set"/)
    expectIssue(act('pause'), `${at}[0]`, /must be an action object/)
    expectIssue(
      act({ type: 'set', control: 'volume', value: 1 }),
      `${at}[0].control`,
      /must be one of/,
    )
    expectIssue(
      act({ type: 'set', control: 'dutyCycle', value: 0 }),
      `${at}[0].value`,
      /\[0.05, 1\]/,
    )
    expectIssue(
      act({ type: 'set', control: 'innerSteps', value: 2.5 }),
      `${at}[0].value`,
      /integer/,
    )
    expectIssue(
      act({ type: 'set', control: 'backend', value: 'gpu' }),
      `${at}[0].value`,
      /"webgpu"/,
    )
    expectIssue(
      act({ type: 'set', control: 'compression', value: 9 }),
      `${at}[0].value`,
      /\[0, 3\]/,
    )
    expectIssue(act({ type: 'log', message: 'x'.repeat(201) }), `${at}[0].message`, /at most 200/)
    expectIssue(act({ type: 'pause', now: true }), `${at}[0].now`, /not a known field/)
    expectIssue(act({ type: 'pause' }, { type: 'resume' }), `${at}[1]`, /sets paused again/)
    expectIssue(act(), at, /1 to 8 items/)
  })

  it('reports every issue of a document at once', () => {
    const issues = issuesOf(
      doc(rule({ id: 'A' }), rule({ id: 'b', priority: 'high', actions: [{ type: 'nope' }] })),
    )
    expect(issues.map((i) => i.path)).toEqual([
      '$.rules[0].id',
      '$.rules[1].priority',
      '$.rules[1].actions[0].type',
    ])
  })
})

describe('parseRules', () => {
  it('throws an InvalidRulesError listing every issue', () => {
    let caught: unknown
    try {
      parseRules(doc(rule({ id: 'A' })))
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(InvalidRulesError)
    const err = caught as InvalidRulesError
    expect(err.name).toBe('InvalidRulesError')
    expect(err.issues).toHaveLength(1)
    expect(err.message).toContain('$.rules[0].id')
  })
})
