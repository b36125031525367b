/**
 * CenteredClip (Karimireddy, He, Jaggi, "Learning from History for Byzantine Robust
 * Optimization", ICML 2021, arXiv 2012.10333, Algorithm 2):
 * v ← v + (1/n) Σ_i (x_i − v) · min(1, τ / ‖x_i − v‖), L times, from the previous aggregate.
 *
 * @remarks
 * Each input can move the centre by at most τ/n per iteration, whatever it sends, so f Byzantine
 * inputs move it by at most fτ/n. `tau: 'auto'` sets τ each iteration to the median distance to
 * the centre (the ⌊(n − 1)/2⌋-th smallest): with f < n/2 that is at most the distance of some honest
 * input, so the radius follows the honest spread and needs no tuning to the scale of the updates.
 * The caller picks the start (`aggregate.ts`): the previous aggregate, or the coordinate-wise
 * median when it has none. The chain always has one: genesis sets it to zeros
 * (`shared/chain/params.ts`), so on the chain height 1 starts at the zero vector and the median
 * start is taken only by callers that pass no `previous`.
 *
 * Each iteration is one pass over memory: per block of coordinates the clipped step updates the
 * centre, then the distances to the new centre are summed while the block is still in cache.
 *
 * Quality of input i: its clipping weight at the final centre, min(1, τ / ‖x_i − v‖).
 */
import { BLOCK } from './constants.ts'
import type { KernelResult } from './types.ts'

/** Runs CenteredClip over sorted inputs from `start` (consumed: it becomes the centre). */
export function centeredClip(
  xs: readonly Float32Array[],
  start: Float64Array,
  tau: number | 'auto',
  iterations: number,
): KernelResult {
  const n = xs.length
  const v = start
  let dist2 = squaredDistances(xs, v)
  for (let l = 0; l < iterations; l++) {
    const radius = radiusOf(dist2, tau)
    const weights = dist2.map((s) => clipWeight(radius, s) / n)
    dist2 = step(xs, v, weights)
  }
  const radius = radiusOf(dist2, tau)
  const quality = [...dist2].map((s) => clipWeight(radius, s))
  return { vector: Float32Array.from(v), quality }
}

/** min(1, τ / √s), with 1 for an input at the centre. */
function clipWeight(radius: number, squared: number): number {
  const distance = Math.sqrt(squared)
  return distance <= radius ? 1 : radius / distance
}

/** τ, or for `auto` the ⌊(n − 1)/2⌋-th smallest distance. */
function radiusOf(dist2: Float64Array, tau: number | 'auto'): number {
  if (tau !== 'auto') return tau
  const sorted = Float64Array.from(dist2).sort()
  return Math.sqrt(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0)
}

/** ‖x_i − v‖² for every input, summed per block of coordinates. */
function squaredDistances(xs: readonly Float32Array[], v: Float64Array): Float64Array {
  const n = xs.length
  const d = v.length
  const dist2 = new Float64Array(n)
  for (let start = 0; start < d; start += BLOCK) {
    const end = Math.min(d, start + BLOCK)
    for (let i = 0; i < n; i++) dist2[i] = (dist2[i] ?? 0) + blockDistance(xs[i], v, start, end)
  }
  return dist2
}

/** One clipped step of the centre in place; returns the squared distances to the new centre. */
function step(xs: readonly Float32Array[], v: Float64Array, weights: Float64Array): Float64Array {
  const n = xs.length
  const d = v.length
  const dist2 = new Float64Array(n)
  const acc = new Float64Array(BLOCK)
  for (let start = 0; start < d; start += BLOCK) {
    const end = Math.min(d, start + BLOCK)
    acc.fill(0)
    for (let i = 0; i < n; i++) {
      const x = xs[i] as Float32Array
      const w = weights[i] ?? 0
      if (w === 0) continue
      for (let j = start, k = 0; j < end; j++, k++) {
        acc[k] = (acc[k] ?? 0) + w * ((x[j] ?? 0) - (v[j] ?? 0))
      }
    }
    for (let j = start, k = 0; j < end; j++, k++) v[j] = (v[j] ?? 0) + (acc[k] ?? 0)
    for (let i = 0; i < n; i++) dist2[i] = (dist2[i] ?? 0) + blockDistance(xs[i], v, start, end)
  }
  return dist2
}

function blockDistance(
  x: Float32Array | undefined,
  v: Float64Array,
  start: number,
  end: number,
): number {
  if (x === undefined) return 0
  let s = 0
  for (let j = start; j < end; j++) {
    const diff = (x[j] ?? 0) - (v[j] ?? 0)
    s += diff * diff
  }
  return s
}
