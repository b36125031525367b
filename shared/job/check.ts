/**
 * A tiny validator for JSON documents that collects every issue with its path instead of
 * stopping at the first, so a broken manifest is fixed in one pass.
 */
import type { Issue } from '../model/index.ts'

/** Bounds for a number check. */
export interface NumberRule {
  readonly min?: number
  readonly max?: number
  /** Require strictly greater than `min`. */
  readonly exclusiveMin?: boolean
  readonly integer?: boolean
}

/** Collects issues while reading an untrusted document. */
export class Checker {
  readonly issues: Issue[] = []

  /** Records an issue at `path`. */
  issue(path: string, message: string): void {
    this.issues.push({ path, message })
  }

  /** Reads an object with exactly the allowed keys (all required unless listed as optional). */
  object(
    value: unknown,
    path: string,
    keys: readonly string[],
    optional: readonly string[] = [],
  ): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.issue(path, `must be an object, got ${kind(value)}`)
      return {}
    }
    const record = value as Record<string, unknown>
    for (const key of keys) {
      if (!(key in record) && !optional.includes(key)) this.issue(join(path, key), 'is required')
    }
    for (const key of Object.keys(record)) {
      if (!keys.includes(key)) this.issue(join(path, key), 'is not a known field')
    }
    return record
  }

  /** Reads an array whose length is within [min, max]. */
  array(value: unknown, path: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.issue(path, `must be an array, got ${kind(value)}`)
      return []
    }
    if (value.length < min || value.length > max) {
      this.issue(
        path,
        `must have ${min === max ? min : `${min} to ${max}`} items, has ${value.length}`,
      )
    }
    return value
  }

  /** Reads a finite number within the rule's bounds. */
  number(value: unknown, path: string, rule: NumberRule = {}): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.issue(path, `must be a finite number, got ${kind(value)}`)
      return 0
    }
    if (rule.integer === true && !Number.isSafeInteger(value)) {
      this.issue(path, `must be an integer, got ${value}`)
    } else if (
      rule.min !== undefined &&
      (rule.exclusiveMin === true ? value <= rule.min : value < rule.min)
    ) {
      this.issue(
        path,
        `must be ${rule.exclusiveMin === true ? '>' : '≥'} ${rule.min}, got ${value}`,
      )
    } else if (rule.max !== undefined && value > rule.max) {
      this.issue(path, `must be ≤ ${rule.max}, got ${value}`)
    }
    return value
  }

  /** Reads a string matching `pattern` (described by `what` in the message). */
  string(value: unknown, path: string, pattern?: RegExp, what?: string): string {
    if (typeof value !== 'string') {
      this.issue(path, `must be a string, got ${kind(value)}`)
      return ''
    }
    if (pattern !== undefined && !pattern.test(value)) {
      this.issue(
        path,
        `must be ${what ?? `a string matching ${String(pattern)}`}, got ${JSON.stringify(value)}`,
      )
    }
    return value
  }

  /** Reads one of a fixed set of string literals. */
  literal<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.issue(
        path,
        `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${kind(value)}`,
      )
      return allowed[0] as T
    }
    return value as T
  }

  /** Reads a boolean. */
  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.issue(path, `must be true or false, got ${kind(value)}`)
    return value === true
  }
}

/** Appends a key to a path. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return typeof value
}
