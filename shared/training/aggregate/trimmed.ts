/**
 * Coordinate-wise trimmed mean and median (Yin et al., "Byzantine-Robust Distributed Learning:
 * Towards Optimal Statistical Rates", ICML 2018).
 *
 * @remarks
 * Per coordinate the n values are sorted (insertion sort, stable by input order, so ties are
 * resolved the same way on every node) and the mean of ranks [t, n − t) is taken in rank order.
 * The median is the trimmed mean with t = ⌊(n − 1)/2⌋: the middle value, or the mean of the two
 * middle ones. Breakdown: f < n/2 for the median, f ≤ t for the trimmed mean.
 *
 * Quality of input i: the share of coordinates in which it was kept, relative to the share an
 * input would get if all were alike, capped at 1: min(1, kept_i · n / ((n − 2t) · d)).
 */
import type { KernelResult } from './types.ts'

/** Coordinate-wise mean of ranks [t, n − t) of the inputs; requires n − 2t ≥ 1. */
export function trimmedMean(xs: readonly Float32Array[], t: number): KernelResult {
  const n = xs.length
  const d = xs[0]?.length ?? 0
  const keep = n - 2 * t
  const values = new Float64Array(n)
  const owners = new Int32Array(n)
  const kept = new Float64Array(n)
  const out = new Float32Array(d)
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) {
      const v = (xs[i] as Float32Array)[j] ?? 0
      let k = i
      while (k > 0 && (values[k - 1] ?? 0) > v) {
        values[k] = values[k - 1] ?? 0
        owners[k] = owners[k - 1] ?? 0
        k--
      }
      values[k] = v
      owners[k] = i
    }
    let sum = 0
    for (let r = t; r < n - t; r++) {
      sum += values[r] ?? 0
      const owner = owners[r] ?? 0
      kept[owner] = (kept[owner] ?? 0) + 1
    }
    out[j] = sum / keep
  }
  const quality: number[] = []
  for (let i = 0; i < n; i++) {
    quality.push(d === 0 ? 1 : Math.min(1, ((kept[i] ?? 0) * n) / (keep * d)))
  }
  return { vector: out, quality }
}

/** Ranks trimmed from each end by the median: ⌊(n − 1)/2⌋. */
export function medianTrim(n: number): number {
  return Math.floor((n - 1) / 2)
}
