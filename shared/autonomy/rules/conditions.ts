/**
 * Evaluation of a compiled condition against facts and the time, with the reasons behind the
 * answer: for a true condition the facts that made it true, for a false one those that did not.
 *
 * @remarks
 * Pure and deterministic: the same condition, facts and time give the same value and reasons.
 * A condition on an absent fact, or on a fact of another type than the literal, is false (so
 * `not` of it is true); `exists` tells absence apart.
 */
import { MAX_MATCH_INPUT } from '../constants.ts'
import type { FactValue, Facts } from '../facts.ts'
import type { CompareOp, CompiledCondition } from './types.ts'

/** The value of a condition and why. */
export interface ConditionResult {
  readonly value: boolean
  readonly reasons: readonly string[]
}

const SYMBOL: Readonly<Record<CompareOp, string>> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
}
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MINUTE_MS = 60_000
const DAY_MINUTES = 1440
// 1970-01-01, the epoch, was a Thursday.
const EPOCH_WEEKDAY = 4

/** Evaluates `condition` over `facts` at time `now` (ms since the epoch). */
export function evaluateCondition(
  condition: CompiledCondition,
  facts: Facts,
  now: number,
): ConditionResult {
  switch (condition.kind) {
    case 'all': {
      const results = condition.children.map((c) => evaluateCondition(c, facts, now))
      const value = results.every((r) => r.value)
      return { value, reasons: collect(results, value ? () => true : (r) => !r.value) }
    }
    case 'any': {
      const results = condition.children.map((c) => evaluateCondition(c, facts, now))
      const value = results.some((r) => r.value)
      return { value, reasons: collect(results, value ? (r) => r.value : () => true) }
    }
    case 'not': {
      const inner = evaluateCondition(condition.child, facts, now)
      return { value: !inner.value, reasons: inner.reasons.map((r) => `not (${r})`) }
    }
    case 'time':
      return evaluateTime(condition, now)
    default:
      return evaluateFact(condition, facts)
  }
}

type FactKind = Extract<CompiledCondition, { fact: string }>

function evaluateFact(condition: FactKind, facts: Facts): ConditionResult {
  const name = condition.fact
  const present = Object.hasOwn(facts, name)
  if (condition.kind === 'exists') {
    return { value: present, reasons: [present ? `${name} exists` : `${name} is absent`] }
  }
  if (!present) return { value: false, reasons: [`${name} is absent`] }
  const actual = facts[name] as FactValue
  const shown = `${name} is ${show(actual)}`
  switch (condition.kind) {
    case 'compare': {
      const value = compare(actual, condition.op, condition.value)
      if (value === undefined) {
        return { value: false, reasons: [`${shown}, not a ${typeof condition.value}`] }
      }
      const test = `${SYMBOL[condition.op]} ${show(condition.value)}`
      return { value, reasons: [value ? `${shown}, ${test}` : `${shown}, not ${test}`] }
    }
    case 'in': {
      const value = condition.values.some((v) => v === actual)
      const list = `in [${condition.values.map(show).join(', ')}]`
      return { value, reasons: [value ? `${shown}, ${list}` : `${shown}, not ${list}`] }
    }
    case 'matches': {
      const pattern = `/${condition.source}/`
      if (typeof actual !== 'string') {
        return { value: false, reasons: [`${shown}, not a string`] }
      }
      if (actual.length > MAX_MATCH_INPUT) {
        return {
          value: false,
          reasons: [`${name} is longer than ${MAX_MATCH_INPUT} characters, not matched`],
        }
      }
      const value = condition.regex.test(actual)
      return {
        value,
        reasons: [value ? `${shown}, matches ${pattern}` : `${shown}, does not match ${pattern}`],
      }
    }
  }
}

function compare(actual: FactValue, op: CompareOp, literal: FactValue): boolean | undefined {
  if (typeof actual !== typeof literal) return undefined
  switch (op) {
    case 'eq':
      return actual === literal
    case 'ne':
      return actual !== literal
    case 'gt':
      return actual > literal
    case 'gte':
      return actual >= literal
    case 'lt':
      return actual < literal
    case 'lte':
      return actual <= literal
  }
}

function evaluateTime(
  condition: Extract<CompiledCondition, { kind: 'time' }>,
  now: number,
): ConditionResult {
  const local = Math.floor(now / MINUTE_MS) + condition.offsetMinutes
  const minute = mod(local, DAY_MINUTES)
  const day = mod(Math.floor(local / DAY_MINUTES) + EPOCH_WEEKDAY, 7)
  const { fromMinute: from, toMinute: to } = condition
  const inHours = from < to ? minute >= from && minute < to : minute >= from || minute < to
  const inDays = condition.days === undefined || condition.days.includes(day)
  const value = inHours && inDays
  const clock = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)} ${DAY_NAMES[day] ?? ''}`
  return {
    value,
    reasons: [`time ${clock} is ${value ? '' : 'not '}in ${condition.label}`],
  }
}

function collect(
  results: readonly ConditionResult[],
  keep: (r: ConditionResult) => boolean,
): string[] {
  return results.filter(keep).flatMap((r) => r.reasons)
}

function show(value: FactValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m
}
