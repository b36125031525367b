/**
 * Top-k selection by magnitude in O(d): a two-pass radix select over the float32 bit patterns.
 *
 * @remarks
 * For non-negative floats the IEEE 754 bit pattern, read as an unsigned integer, orders like the
 * value, so |x| orders like `bits & 0x7fffffff`. A histogram of the high 16 bits finds the bucket
 * holding the k-th largest magnitude, a histogram of the low 16 bits inside it finds the exact
 * threshold, and a last pass takes everything above it plus the lowest-indexed ties. No sort, no
 * pivot, no worst case; the result is deterministic and comes out in ascending index order.
 */

const HIGH_BUCKETS = 0x8000
const LOW_BUCKETS = 0x10000

/** Indices of the `k` largest |x| in ascending order; ties go to the lower index. */
export function topKIndices(x: Float32Array, k: number): Uint32Array {
  const d = x.length
  const out = new Uint32Array(k)
  if (k === 0) return out
  const bits = new Uint32Array(x.buffer, x.byteOffset, d)

  const high = new Uint32Array(HIGH_BUCKETS)
  for (let i = 0; i < d; i++) {
    const b = ((bits[i] ?? 0) & 0x7fffffff) >>> 16
    high[b] = (high[b] ?? 0) + 1
  }
  let above = 0
  let bucket = HIGH_BUCKETS - 1
  for (; bucket > 0; bucket--) {
    const here = high[bucket] ?? 0
    if (above + here >= k) break
    above += here
  }

  const low = new Uint32Array(LOW_BUCKETS)
  for (let i = 0; i < d; i++) {
    const a = (bits[i] ?? 0) & 0x7fffffff
    if (a >>> 16 === bucket) low[a & 0xffff] = (low[a & 0xffff] ?? 0) + 1
  }
  let lowBucket = LOW_BUCKETS - 1
  for (; lowBucket > 0; lowBucket--) {
    const here = low[lowBucket] ?? 0
    if (above + here >= k) break
    above += here
  }

  const threshold = ((bucket << 16) | lowBucket) >>> 0
  let ties = k - above
  let n = 0
  for (let i = 0; i < d && n < k; i++) {
    const a = (bits[i] ?? 0) & 0x7fffffff
    if (a > threshold || (a === threshold && ties-- > 0)) out[n++] = i
  }
  return out
}
