/**
 * Validation of one condition tree: known facts, literals of the fact's type, safe patterns,
 * well-formed time windows, and bounded size and depth.
 */
import {
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  MAX_CONDITIONS,
  MAX_IN_VALUES,
  MAX_LITERAL_LENGTH,
} from '../constants.ts'
import type { FactSpec, FactValue } from '../facts.ts'
import { FACT_CATALOGUE, factTypeOf } from '../facts.ts'
import type { Reader } from './reader.ts'
import { describe } from './reader.ts'
import { compileSafePattern } from './safe-regex.ts'
import type { CompiledCondition } from './types.ts'

const SHAPES = ['fact', 'time', 'all', 'any', 'not'] as const
const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'matches', 'exists'] as const
const ORDERED: readonly string[] = ['gt', 'gte', 'lt', 'lte']
const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/
const FACT_NAME = {
  regex: /^[a-z][A-Za-z0-9.]{0,63}$/,
  what: 'a fact name such as "battery.level"',
}

/** Counts condition nodes of one rule, to bound its size. */
export interface NodeCounter {
  nodes: number
}

/** Reads and compiles one condition; records issues on `r` and returns undefined on failure. */
export function readCondition(
  r: Reader,
  raw: unknown,
  path: string,
  depth: number,
  counter: NodeCounter,
): CompiledCondition | undefined {
  counter.nodes += 1
  if (counter.nodes === MAX_CONDITION_NODES + 1) {
    r.issue(path, `the rule has more than ${MAX_CONDITION_NODES} conditions in all`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    r.issue(path, `must be a condition object, got ${describe(raw)}`)
    return undefined
  }
  const record = raw as Record<string, unknown>
  const shapes = SHAPES.filter((s) => Object.hasOwn(record, s))
  if (shapes.length !== 1) {
    r.issue(
      path,
      shapes.length === 0
        ? `must have one of ${SHAPES.map((s) => `"${s}"`).join(', ')}`
        : `has both "${shapes[0]}" and "${shapes[1]}"; a condition is exactly one kind`,
    )
    return undefined
  }
  const shape = shapes[0]
  if (shape === 'fact') return readFactCondition(r, record, path)
  if (shape === 'time') {
    const outer = r.object(record, path, ['time'])
    return outer === undefined ? undefined : readTimeWindow(r, outer.time, `${path}.time`)
  }
  if (depth >= MAX_CONDITION_DEPTH) {
    r.issue(path, `nests deeper than ${MAX_CONDITION_DEPTH} levels`)
    return undefined
  }
  if (r.object(record, path, [shape as string]) === undefined) return undefined
  if (shape === 'not') {
    const child = readCondition(r, record.not, `${path}.not`, depth + 1, counter)
    return child === undefined ? undefined : { kind: 'not', child }
  }
  const kind = shape === 'all' ? 'all' : 'any'
  const list = r.array(record[kind], `${path}.${kind}`, 1, MAX_CONDITIONS)
  if (list === undefined) return undefined
  const children = list.map((c, i) =>
    readCondition(r, c, `${path}.${kind}[${i}]`, depth + 1, counter),
  )
  return children.every((c) => c !== undefined) ? { kind, children } : undefined
}

function readFactCondition(
  r: Reader,
  record: Record<string, unknown>,
  path: string,
): CompiledCondition | undefined {
  const allowed =
    record.op === 'matches' ? ['fact', 'op', 'value', 'ignoreCase'] : ['fact', 'op', 'value']
  const required = record.op === 'exists' ? ['fact', 'op'] : ['fact', 'op', 'value']
  const issuesBefore = r.issues.length
  r.object(record, path, record.op === 'exists' ? ['fact', 'op'] : allowed, required)
  const fact = r.string(record.fact, `${path}.fact`, 64, FACT_NAME)
  const spec = fact === undefined ? undefined : FACT_CATALOGUE[fact]
  if (fact !== undefined && spec === undefined) {
    r.issue(`${path}.fact`, `unknown fact "${fact}"`)
  }
  const op = r.literal(record.op, `${path}.op`, OPS)
  if (fact === undefined || spec === undefined || op === undefined) return undefined
  if (r.issues.length > issuesBefore) return undefined
  const at = `${path}.value`
  switch (op) {
    case 'exists':
      return { kind: 'exists', fact }
    case 'in': {
      const list = r.array(record.value, at, 1, MAX_IN_VALUES)
      if (list === undefined) return undefined
      const values = list.map((v, i) => readLiteral(r, v, `${at}[${i}]`, fact, spec))
      return values.every((v) => v !== undefined) ? { kind: 'in', fact, values } : undefined
    }
    case 'matches': {
      if (spec.type !== 'string') {
        r.issue(`${path}.op`, `"matches" needs a string fact; "${fact}" is a ${spec.type}`)
        return undefined
      }
      const ignoreCase =
        record.ignoreCase === undefined ? false : r.boolean(record.ignoreCase, `${path}.ignoreCase`)
      const source = r.string(record.value, at, Number.MAX_SAFE_INTEGER)
      if (source === undefined || ignoreCase === undefined) return undefined
      const compiled = compileSafePattern(source, ignoreCase)
      if (!compiled.ok) {
        r.issue(at, compiled.reason)
        return undefined
      }
      return { kind: 'matches', fact, regex: compiled.value, source }
    }
    default: {
      if (ORDERED.includes(op) && spec.type !== 'number') {
        r.issue(`${path}.op`, `"${op}" needs a number fact; "${fact}" is a ${spec.type}`)
        return undefined
      }
      const value = readLiteral(r, record.value, at, fact, spec)
      return value === undefined ? undefined : { kind: 'compare', fact, op, value }
    }
  }
}

function readLiteral(
  r: Reader,
  value: unknown,
  path: string,
  fact: string,
  spec: FactSpec,
): FactValue | undefined {
  const type = factTypeOf(value)
  if (type !== spec.type) {
    r.issue(path, `must be a ${spec.type} ("${fact}" is a ${spec.type}), got ${describe(value)}`)
    return undefined
  }
  if (typeof value === 'string') {
    if (value.length > MAX_LITERAL_LENGTH) {
      r.issue(path, `must be at most ${MAX_LITERAL_LENGTH} characters`)
      return undefined
    }
    if (spec.values !== undefined && !spec.values.includes(value)) {
      const known = spec.values.map((v) => `"${v}"`).join(', ')
      r.issue(path, `"${fact}" is never ${describe(value)}; it is one of ${known}`)
      return undefined
    }
  }
  return value as FactValue
}

function readTimeWindow(r: Reader, raw: unknown, path: string): CompiledCondition | undefined {
  const w = r.object(raw, path, ['from', 'to', 'days', 'utcOffsetMinutes'], ['from', 'to'])
  if (w === undefined) return undefined
  const hhmm = { regex: HH_MM, what: 'a time "HH:MM" from 00:00 to 23:59' }
  const from = r.string(w.from, `${path}.from`, 5, hhmm)
  const to = r.string(w.to, `${path}.to`, 5, hhmm)
  const offset =
    w.utcOffsetMinutes === undefined
      ? 0
      : r.number(w.utcOffsetMinutes, `${path}.utcOffsetMinutes`, {
          min: -720,
          max: 840,
          integer: true,
        })
  let days: number[] | undefined
  if (w.days !== undefined) {
    const list = r.array(w.days, `${path}.days`, 1, 7)
    if (list !== undefined) {
      days = []
      list.forEach((d, i) => {
        const day = r.number(d, `${path}.days[${i}]`, { min: 0, max: 6, integer: true })
        if (day !== undefined && days?.includes(day) === true)
          r.issue(`${path}.days[${i}]`, `repeats day ${day}`)
        else if (day !== undefined) days?.push(day)
      })
    }
  }
  if (from === undefined || to === undefined || offset === undefined) return undefined
  if (
    w.days !== undefined &&
    (days === undefined || days.length !== (w.days as unknown[]).length)
  ) {
    return undefined
  }
  if (from === to) {
    r.issue(path, `"from" and "to" are both ${from}; the window would be empty`)
    return undefined
  }
  const sign = offset < 0 ? '-' : '+'
  return {
    kind: 'time',
    fromMinute: minuteOf(from),
    toMinute: minuteOf(to),
    days: days?.slice().sort((a, b) => a - b),
    offsetMinutes: offset,
    label: `${from}–${to} UTC${sign}${Math.abs(offset)}m${days === undefined ? '' : ` on days ${days.join(',')}`}`,
  }
}

function minuteOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}
