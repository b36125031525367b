/** Seeded random vectors for attacks and synthetic updates (test tools, not consensus code). */
import type { Prng } from '../../model/index.ts'
import { createPrng } from '../../model/index.ts'

export type { Prng }

/** A seeded generator (xoshiro128** from `shared/model`). */
export function randomSource(seed: number): Prng {
  return createPrng(seed)
}

/** A standard normal draw by Box–Muller (uses `Math.log`/`cos`: never in consensus code). */
export function gaussian(prng: Prng): number {
  let u = prng.nextFloat()
  while (u === 0) u = prng.nextFloat()
  const v = prng.nextFloat()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** A vector of `d` independent N(0, σ²) values. */
export function gaussianVector(d: number, sigma: number, prng: Prng): Float32Array {
  const out = new Float32Array(d)
  for (let i = 0; i < d; i++) out[i] = sigma * gaussian(prng)
  return out
}
