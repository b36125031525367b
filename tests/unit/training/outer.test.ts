import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../shared/crypto/index.ts'
import type { OuterState } from '../../../shared/training/outer/index.ts'
import {
  encodeOuterState,
  initialOuterState,
  nesterovStepInPlace,
  outerStateHash,
  outerStateHashSync,
  outerStep,
} from '../../../shared/training/outer/index.ts'
import type { Height } from '../../../shared/types/index.ts'

const f = Math.fround
const state = (height: number, weights: number[], momentum: number[]): OuterState => ({
  height: height as Height,
  weights: Float32Array.from(weights),
  momentum: Float32Array.from(momentum),
})

describe('outerStep (Nesterov SGD)', () => {
  it('takes θ − η(1 + μ)g from zero momentum, with η = 0.7 and μ = 0.9 by default', () => {
    const next = outerStep(initialOuterState(Float32Array.of(1, 2)), Float32Array.of(0.5, -1))
    expect(next.height).toBe(1)
    expect([...next.momentum]).toEqual([0.5, -1])
    expect(next.weights[0]).toBeCloseTo(1 - 0.7 * 1.9 * 0.5, 6)
    expect(next.weights[1]).toBeCloseTo(2 + 0.7 * 1.9, 6)
  })

  it('equals a float32 reference of m ← μm + g, θ ← θ − η(g + μm) bit for bit', () => {
    const value = fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 })
    const vec = fc.array(value, { minLength: 1, maxLength: 50 })
    fc.assert(
      fc.property(
        vec,
        fc.tuple(
          fc.double({ min: 0, max: 2, noNaN: true }),
          fc.double({ min: 0, max: 0.99, noNaN: true }),
        ),
        (xs, [lr, mu]) => {
          const theta = Float32Array.from(xs)
          const m = Float32Array.from(xs, (v) => v / 3)
          const g = Float32Array.from(xs, (v) => v / 7 - 1)
          const next = outerStep({ height: 0 as Height, weights: theta, momentum: m }, g, {
            lr,
            momentum: mu,
          })
          for (let i = 0; i < xs.length; i++) {
            const mi = f(f(f(mu) * (m[i] ?? 0)) + (g[i] ?? 0))
            const ti = f((theta[i] ?? 0) - f(f(lr) * f((g[i] ?? 0) + f(f(mu) * mi))))
            expect(Object.is(next.momentum[i], mi)).toBe(true)
            expect(Object.is(next.weights[i], ti)).toBe(true)
          }
        },
      ),
    )
  })

  it('leaves the old state untouched; the in-place variant updates its arrays', () => {
    const before = state(3, [1, 1], [0, 0])
    outerStep(before, Float32Array.of(1, 1))
    expect([...before.weights, ...before.momentum]).toEqual([1, 1, 0, 0])
    nesterovStepInPlace(before.weights, before.momentum, Float32Array.of(1, 1))
    expect([...before.momentum]).toEqual([1, 1])
  })

  it('converges on a quadratic when g is the distance to the optimum', () => {
    const target = Float32Array.of(3, -2, 0.5)
    let s = initialOuterState(new Float32Array(3))
    for (let h = 0; h < 200; h++) {
      const g = s.weights.map((w, i) => 0.1 * (w - (target[i] ?? 0)))
      s = outerStep(s, g)
    }
    s.weights.forEach((w, i) => expect(w).toBeCloseTo(target[i] ?? 0, 3))
  })

  it('refuses vectors of different lengths', () => {
    expect(() => outerStep(state(0, [1, 2], [0, 0]), Float32Array.of(1))).toThrow(
      expect.objectContaining({ name: 'OuterStepError' }),
    )
  })
})

describe('outerStateHash', () => {
  it('hashes the documented encoding: domain, height, length, weights, momentum', () => {
    const s = state(258, [1], [-2])
    const expected = new Uint8Array([
      ...new TextEncoder().encode('swarm/v1/outer-state'),
      0,
      2,
      1,
      0,
      0,
      0,
      0,
      0,
      0, // height 258, u64 LE
      1,
      0,
      0,
      0, // d = 1, u32 LE
      0,
      0,
      0x80,
      0x3f, // 1.0f
      0,
      0,
      0,
      0xc0, // -2.0f
    ])
    expect(encodeOuterState(s)).toEqual(expected)
    expect(outerStateHashSync(s)).toBe(sha256Hex(expected))
  })

  it('gives the same hash through WebCrypto and JS, and changes with any part of the state', async () => {
    const base = state(5, [1, 2, 3], [0.5, 0, -1])
    const hash = await outerStateHash(base)
    expect(hash).toBe(outerStateHashSync(base))
    const changed = [
      state(6, [1, 2, 3], [0.5, 0, -1]),
      state(5, [1, 2, f(3.0000002)], [0.5, 0, -1]),
      state(5, [1, 2, 3], [0.5, -0, -1]),
    ]
    for (const s of changed) expect(await outerStateHash(s)).not.toBe(hash)
  })
})
