/**
 * Initial weights θ_0: the same bytes on every node, from the job's seed.
 *
 * @remarks
 * Kernels are Glorot-uniform (Glorot and Bengio, AISTATS 2010): w ~ U(−l, l) with
 * l = sqrt(6 / (fanIn + fanOut)); biases are zero. One xoshiro128** stream seeded by the job
 * seed is consumed tensor by tensor in layout order. Each value is `fround((2u − 1) · l)` with
 * u a multiple of 2^-24 and `l = fround(sqrt(…))`: sqrt is correctly rounded by IEEE 754 and
 * every product is exact before the final rounding, so no engine can disagree on a bit.
 */
import type { ModelSpec } from './spec.ts'
import { weightLayout } from './layout.ts'
import { createPrng } from './prng.ts'

/** The Glorot-uniform limit sqrt(6 / (fanIn + fanOut)), rounded to float32. */
export function glorotLimit(fanIn: number, fanOut: number): number {
  return Math.fround(Math.sqrt(6 / (fanIn + fanOut)))
}

/** Builds θ_0 for a model from a 32-bit seed, in the layout of `weightLayout(spec)`. */
export function initialWeights(spec: ModelSpec, seed: number): Float32Array {
  const layout = weightLayout(spec)
  const out = new Float32Array(layout.paramCount)
  const prng = createPrng(seed)
  for (const slot of layout.tensors) {
    if (slot.role === 'bias') continue // zeros
    const limit = glorotLimit(slot.fanIn, slot.fanOut)
    for (let i = 0; i < slot.size; i++) {
      out[slot.offset + i] = Math.fround((2 * prng.nextFloat() - 1) * limit)
    }
  }
  return out
}
