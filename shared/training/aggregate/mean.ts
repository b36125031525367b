/** The sample-weighted mean. Quality is 1 for every input: the mean keeps all of each. */
import type { Result } from '../../types/index.ts'
import type { KernelResult } from './types.ts'

/** Σ w_i x_i / Σ w_i, accumulated in float64 in input order, rounded once to float32. */
export function weightedMean(
  xs: readonly Float32Array[],
  weights: readonly number[],
): Result<KernelResult> {
  let total = 0
  for (const w of weights) total += w
  if (!(total > 0)) return { ok: false, reason: 'the inputs have no samples in total' }
  const d = xs[0]?.length ?? 0
  const acc = new Float64Array(d)
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as Float32Array
    const w = weights[i] ?? 0
    for (let j = 0; j < d; j++) acc[j] = (acc[j] ?? 0) + w * (x[j] ?? 0)
  }
  const vector = new Float32Array(d)
  for (let j = 0; j < d; j++) vector[j] = (acc[j] ?? 0) / total
  return { ok: true, value: { vector, quality: xs.map(() => 1) } }
}

/** The unweighted mean of some vectors, in float64, rounded once (used by Krum and buckets). */
export function plainMean(xs: readonly Float32Array[]): Float32Array {
  const d = xs[0]?.length ?? 0
  const acc = new Float64Array(d)
  for (const x of xs) for (let j = 0; j < d; j++) acc[j] = (acc[j] ?? 0) + (x[j] ?? 0)
  const out = new Float32Array(d)
  for (let j = 0; j < d; j++) out[j] = (acc[j] ?? 0) / xs.length
  return out
}
