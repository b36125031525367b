/** Order statistics for benchmark figures. */

/**
 * The p-th percentile (0–100) of `xs` by the nearest-rank method: the smallest value with at
 * least p % of the values at or below it. NaN for no values.
 */
export function percentile(xs: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in [0, 100]`)
  const finite = xs.filter(Number.isFinite)
  if (finite.length === 0) return NaN
  const sorted = [...finite].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

/** The arithmetic mean of the finite values of `xs`; NaN for none. */
export function mean(xs: readonly number[]): number {
  const finite = xs.filter(Number.isFinite)
  return finite.length === 0 ? NaN : finite.reduce((a, b) => a + b, 0) / finite.length
}

/** The sum of the finite values of `xs`. */
export function sum(xs: readonly number[]): number {
  return xs.filter(Number.isFinite).reduce((a, b) => a + b, 0)
}
