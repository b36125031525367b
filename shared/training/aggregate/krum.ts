/**
 * Multi-Krum (Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant Gradient
 * Descent", NeurIPS 2017, §4 and the Multi-Krum variant).
 *
 * @remarks
 * Score of input i: the sum of squared distances to its n − f − 2 nearest other inputs. The m
 * inputs with the lowest scores (ties to the lower node id) are averaged, unweighted: weighting by
 * claimed samples would let one Byzantine input dominate. Needs n > 2f + 2. Pairwise distances
 * cost O(n² d); they are computed in blocks of coordinates so the inputs stay in cache.
 *
 * Quality: 1 for a selected input, 0 for the others.
 */
import { BLOCK } from './constants.ts'
import { plainMean } from './mean.ts'
import type { KernelResult } from './types.ts'

/** Squared Euclidean distances between all pairs, as a symmetric n × n matrix. */
export function pairwiseSquaredDistances(xs: readonly Float32Array[]): Float64Array {
  const n = xs.length
  const d = xs[0]?.length ?? 0
  const dist = new Float64Array(n * n)
  for (let start = 0; start < d; start += BLOCK) {
    const end = Math.min(d, start + BLOCK)
    for (let a = 0; a < n; a++) {
      const xa = xs[a] as Float32Array
      for (let b = a + 1; b < n; b++) {
        const xb = xs[b] as Float32Array
        let s = 0
        for (let j = start; j < end; j++) {
          const diff = (xa[j] ?? 0) - (xb[j] ?? 0)
          s += diff * diff
        }
        dist[a * n + b] = (dist[a * n + b] ?? 0) + s
      }
    }
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) dist[a * n + b] = dist[b * n + a] ?? 0
  return dist
}

/** Multi-Krum over sorted inputs; the caller has checked n > 2f + 2 and 1 ≤ m ≤ n. */
export function multiKrum(xs: readonly Float32Array[], f: number, m: number): KernelResult {
  const n = xs.length
  const dist = pairwiseSquaredDistances(xs)
  const neighbours = n - f - 2
  const scores: number[] = []
  for (let i = 0; i < n; i++) {
    const row: number[] = []
    for (let j = 0; j < n; j++) if (j !== i) row.push(dist[i * n + j] ?? 0)
    row.sort((p, q) => p - q)
    let score = 0
    for (let k = 0; k < neighbours; k++) score += row[k] ?? 0
    scores.push(score)
  }
  const order = [...scores.keys()].sort((p, q) => (scores[p] ?? 0) - (scores[q] ?? 0) || p - q)
  const selected = new Set(order.slice(0, m))
  const chosen = xs.filter((_, i) => selected.has(i))
  return { vector: plainMean(chosen), quality: xs.map((_, i) => (selected.has(i) ? 1 : 0)) }
}
