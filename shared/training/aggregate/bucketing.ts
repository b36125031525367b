/**
 * Bucketing (Karimireddy, He, Jaggi, "Byzantine-Robust Learning on Heterogeneous Datasets via
 * Bucketing", ICLR 2022, arXiv 2006.09365): shuffle the inputs with a shared seed, average them in
 * buckets of s, and aggregate the bucket means. It reduces the spread of honest inputs on non-IID
 * data by about √s, at the cost of letting f Byzantine inputs taint up to f buckets of ⌈n/s⌉; use
 * it only while f · s < n/2.
 */
import { plainMean } from './mean.ts'
import { seededPermutation } from './shuffle.ts'

/** Bucket means and, for each input, the bucket it went to. */
export interface Buckets {
  readonly means: Float32Array[]
  readonly bucketOf: readonly number[]
}

/** Shuffles the inputs with `seed` and averages consecutive groups of `size` (the last may be smaller). */
export function bucketize(xs: readonly Float32Array[], size: number, seed: Uint8Array): Buckets {
  const order = seededPermutation(xs.length, seed)
  const means: Float32Array[] = []
  const bucketOf = new Array<number>(xs.length).fill(0)
  for (let b = 0; b * size < order.length; b++) {
    const members = order.slice(b * size, (b + 1) * size)
    for (const i of members) bucketOf[i] = b
    means.push(plainMean(members.map((i) => xs[i] as Float32Array)))
  }
  return { means, bucketOf }
}
