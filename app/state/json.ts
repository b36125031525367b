/**
 * JSON for dashboard inputs and states, which hold `bigint` token amounts: a bigint is written as
 * `{"$bigint":"123"}` and read back as `123n`. Used for recorded fixtures and the test handle.
 */

/** JSON text of `value`, bigints included. */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v),
    space,
  )
}

/** Parses JSON text written by `toJson`. */
export function fromJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v)
      const big = (v as { $bigint?: unknown }).$bigint
      if (keys.length === 1 && typeof big === 'string' && /^-?[0-9]+$/.test(big)) return BigInt(big)
    }
    return v
  })
}
