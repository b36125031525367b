/**
 * A small reader for untrusted JSON that collects every issue with its path (`rules[2].actions[0]
 * .value: …`) instead of stopping at the first, so a broken rules file is fixed in one pass.
 */
import type { Issue } from '../../model/index.ts'

/** Collects issues while reading an untrusted document. */
export class Reader {
  readonly issues: Issue[] = []

  /** Records an issue at `path`. */
  issue(path: string, message: string): void {
    this.issues.push({ path, message })
  }

  /** Reads an object whose keys are among `allowed`, with every key of `required` present. */
  object(
    value: unknown,
    path: string,
    allowed: readonly string[],
    required: readonly string[] = allowed,
  ): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.issue(path, `must be an object, got ${describe(value)}`)
      return undefined
    }
    const record = value as Record<string, unknown>
    for (const key of required) {
      if (!Object.hasOwn(record, key)) this.issue(`${path}.${key}`, 'is required')
    }
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.issue(`${path}.${key}`, 'is not a known field')
    }
    return record
  }

  /** Reads an array of `min` to `max` items. */
  array(value: unknown, path: string, min: number, max: number): readonly unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.issue(path, `must be an array, got ${describe(value)}`)
      return undefined
    }
    const list: readonly unknown[] = value
    if (list.length < min || list.length > max) {
      this.issue(path, `must have ${min} to ${max} items, has ${list.length}`)
      return undefined
    }
    return list
  }

  /** Reads a finite number in [min, max], an integer when asked. */
  number(
    value: unknown,
    path: string,
    bounds: { readonly min: number; readonly max: number; readonly integer?: boolean },
  ): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.issue(path, `must be a finite number, got ${describe(value)}`)
      return undefined
    }
    if (bounds.integer === true && !Number.isSafeInteger(value)) {
      this.issue(path, `must be an integer, got ${value}`)
      return undefined
    }
    if (value < bounds.min || value > bounds.max) {
      this.issue(path, `must be in [${bounds.min}, ${bounds.max}], got ${value}`)
      return undefined
    }
    return value
  }

  /** Reads a string of at most `maxLength` characters, matching `pattern` when given. */
  string(
    value: unknown,
    path: string,
    maxLength: number,
    pattern?: { readonly regex: RegExp; readonly what: string },
  ): string | undefined {
    if (typeof value !== 'string') {
      this.issue(path, `must be a string, got ${describe(value)}`)
      return undefined
    }
    if (value.length > maxLength) {
      this.issue(path, `must be at most ${maxLength} characters, has ${value.length}`)
      return undefined
    }
    if (pattern !== undefined && !pattern.regex.test(value)) {
      this.issue(path, `must be ${pattern.what}, got ${describe(value)}`)
      return undefined
    }
    return value
  }

  /** Reads one of a fixed set of strings. */
  literal<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
      return value as T
    }
    this.issue(
      path,
      `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describe(value)}`,
    )
    return undefined
  }

  /** Reads a boolean. */
  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value
    this.issue(path, `must be true or false, got ${describe(value)}`)
    return undefined
  }
}

/** A short description of a JSON value for an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
