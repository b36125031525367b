/**
 * A seeded pseudo-random generator that gives the same stream on every engine.
 *
 * @remarks
 * xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2018),
 * seeded by SplitMix32 as its authors recommend. Only 32-bit integer operations (`Math.imul`,
 * shifts, `>>> 0`), so the stream is exact and identical in every JavaScript engine; floats are
 * made from the top 24 bits, which a float32 represents without rounding.
 */
import { UNIT_24 } from './constants.ts'

/** A deterministic stream of random numbers. */
export interface Prng {
  /** The next uniformly distributed unsigned 32-bit integer. */
  nextU32(): number
  /** The next float in [0, 1), a multiple of 2^-24 (exact in float32). */
  nextFloat(): number
  /** A uniform integer in [0, n) for 0 < n ≤ 2^32, without modulo bias. */
  nextInt(n: number): number
}

function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0
  let z = state.s
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
  return (z ^ (z >>> 16)) >>> 0
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0

/** Creates a xoshiro128** generator from a 32-bit seed (any integer; taken modulo 2^32). */
export function createPrng(seed: number): Prng {
  const sm = { s: seed >>> 0 }
  let a = splitMix32(sm)
  let b = splitMix32(sm)
  let c = splitMix32(sm)
  let d = splitMix32(sm)
  if ((a | b | c | d) === 0) a = 1 // the all-zero state is a fixed point
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0
    const t = (b << 9) >>> 0
    c = (c ^ a) >>> 0
    d = (d ^ b) >>> 0
    b = (b ^ c) >>> 0
    a = (a ^ d) >>> 0
    c = (c ^ t) >>> 0
    d = rotl(d, 11)
    return result
  }
  const nextInt = (n: number): number => {
    if (!(n > 0 && n <= 0x1_0000_0000 && Number.isInteger(n))) {
      throw new RangeError(`nextInt bound must be an integer in (0, 2^32], got ${n}`)
    }
    // Rejection sampling: draw until the value falls below the largest multiple of n.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n)
    for (;;) {
      const x = nextU32()
      if (x < limit) return x % n
    }
  }
  return { nextU32, nextFloat: () => (nextU32() >>> 8) * UNIT_24, nextInt }
}

/** Shuffles `items` in place (Fisher–Yates) with the given generator; returns it. */
export function shuffleInPlace<T extends Uint32Array | number[]>(items: T, prng: Prng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = prng.nextInt(i + 1)
    const tmp = items[i] as number
    items[i] = items[j] as number
    items[j] = tmp
  }
  return items
}
