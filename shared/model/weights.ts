/** Checks on a flat weight vector before anything trusts it. */
import type { Result } from '../types/index.ts'

/** The first index holding NaN or ±Infinity, or -1 when every value is finite. */
export function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    // v − v is 0 for finite v and NaN for NaN and ±Infinity: one comparison per value.
    if (v - v !== 0) return i
  }
  return -1
}

/** Describes a non-finite value for an error message. */
function describe(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'
}

/** Validates that `values` is a `Float32Array` of `paramCount` finite numbers. */
export function checkWeights(
  values: unknown,
  paramCount: number,
  what = 'weights',
): Result<Float32Array> {
  if (!(values instanceof Float32Array)) {
    return { ok: false, reason: `${what} must be a Float32Array, got ${typeName(values)}` }
  }
  if (values.length !== paramCount) {
    return {
      ok: false,
      reason: `${what} have ${values.length} values, the model needs ${paramCount}`,
    }
  }
  const bad = firstNonFinite(values)
  if (bad >= 0) {
    return {
      ok: false,
      reason: `${what}[${bad}] is ${describe(values[bad] as number)}; every value must be finite`,
    }
  }
  return { ok: true, value: values }
}

function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (typeof v !== 'object') return typeof v
  return v.constructor?.name ?? 'object'
}
