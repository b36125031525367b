/**
 * Regular expressions for `matches` conditions, compiled only when they cannot backtrack badly.
 *
 * @remarks
 * JavaScript's backtracking engine takes exponential time on nested quantifiers such as `(a+)+`
 * and polynomial time on long runs of quantifiers (the ReDoS family; OWASP "Regular expression
 * Denial of Service"). A rules document is data that may come from elsewhere, so a pattern is
 * accepted only if it is short, has no backreferences, never repeats a group that itself holds a
 * quantifier or an alternation, and has few repeating quantifiers; inputs are bounded too (see
 * `MAX_MATCH_INPUT`). The pattern always compiles in Unicode mode, which rejects sloppy escapes.
 */
import type { Result } from '../../types/index.ts'
import { MAX_PATTERN_LENGTH, MAX_PATTERN_QUANTIFIERS } from '../constants.ts'

interface GroupScan {
  quantified: boolean
  alternated: boolean
}

type Atom = { kind: 'none' } | { kind: 'simple' } | { kind: 'group'; group: GroupScan }

const BRACE_QUANTIFIER = /^\{(\d+)(,(\d*))?\}/

/** Compiles `pattern` if it is safe to run; otherwise says why not. */
export function compileSafePattern(pattern: string, ignoreCase = false): Result<RegExp> {
  if (pattern.length === 0) return { ok: false, reason: 'pattern is empty' }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      reason: `pattern is ${pattern.length} characters, at most ${MAX_PATTERN_LENGTH}`,
    }
  }
  let regex: RegExp
  try {
    regex = new RegExp(pattern, ignoreCase ? 'iu' : 'u')
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    return { ok: false, reason: `pattern does not compile: ${detail}` }
  }
  const unsafe = findHazard(pattern)
  return unsafe === undefined ? { ok: true, value: regex } : { ok: false, reason: unsafe }
}

// Scans a pattern that already compiled in Unicode mode, so its syntax is known to be valid.
function findHazard(pattern: string): string | undefined {
  const stack: GroupScan[] = [{ quantified: false, alternated: false }]
  let last: Atom = { kind: 'none' }
  let repeats = 0
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i] ?? ''
    const top = stack[stack.length - 1] ?? { quantified: false, alternated: false }
    if (c === '\\') {
      const next = pattern[i + 1] ?? ''
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed'
      // \u{…}, \p{…} and \x.. are one atom; skip a braced tail so its braces are not quantifiers.
      const braced = /^\\[uUpP]\{[^}]*\}/.exec(pattern.slice(i))
      i += braced === null ? 2 : braced[0].length
      last = { kind: 'simple' }
      continue
    }
    if (c === '[') {
      i = skipClass(pattern, i)
      last = { kind: 'simple' }
      continue
    }
    if (c === '(') {
      stack.push({ quantified: false, alternated: false })
      i += groupPrefixLength(pattern, i)
      last = { kind: 'none' }
      continue
    }
    if (c === ')') {
      const group = stack.pop() ?? { quantified: false, alternated: false }
      const parent = stack[stack.length - 1]
      if (parent !== undefined && group.quantified) parent.quantified = true
      last = { kind: 'group', group }
      i += 1
      continue
    }
    if (c === '|') {
      top.alternated = true
      last = { kind: 'none' }
      i += 1
      continue
    }
    const quantifier = readQuantifier(pattern, i)
    if (quantifier !== undefined) {
      if (quantifier.max > 1) {
        repeats += 1
        if (last.kind === 'group' && (last.group.quantified || last.group.alternated)) {
          return last.group.quantified
            ? 'a repeated group may not contain a quantifier (nested quantifiers backtrack exponentially)'
            : 'a repeated group may not contain an alternation (overlapping branches backtrack exponentially)'
        }
      }
      top.quantified = true
      i += quantifier.length
      if (pattern[i] === '?') i += 1
      last = { kind: 'none' }
      continue
    }
    last = { kind: 'simple' }
    i += 1
  }
  if (repeats > MAX_PATTERN_QUANTIFIERS) {
    return `pattern has ${repeats} repeating quantifiers, at most ${MAX_PATTERN_QUANTIFIERS}`
  }
  return undefined
}

function skipClass(pattern: string, start: number): number {
  let i = start + 1
  while (i < pattern.length) {
    const c = pattern[i]
    if (c === '\\') i += 2
    else if (c === ']') return i + 1
    else i += 1
  }
  return i
}

function groupPrefixLength(pattern: string, start: number): number {
  if (pattern[start + 1] !== '?') return 1
  const rest = pattern.slice(start + 1)
  const named = /^\?<[A-Za-z_$][\w$]*>/.exec(rest)
  if (named !== null) return 1 + named[0].length
  const special = /^\?(<=|<!|:|=|!)/.exec(rest)
  return special === null ? 1 : 1 + special[0].length
}

function readQuantifier(pattern: string, i: number): { max: number; length: number } | undefined {
  const c = pattern[i]
  if (c === '*' || c === '+') return { max: Infinity, length: 1 }
  if (c === '?') return { max: 1, length: 1 }
  if (c !== '{') return undefined
  const m = BRACE_QUANTIFIER.exec(pattern.slice(i))
  if (m === null) return undefined
  const min = Number(m[1])
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
  return { max, length: m[0].length }
}
