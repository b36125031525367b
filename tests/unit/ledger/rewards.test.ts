import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LedgerInputError, quantizeQuality, updateRewardFor } from '../../../shared/ledger/index.ts'
import { PARAMS } from './fixtures.ts'

describe('quantizeQuality', () => {
  it('map 0 and 1 to 0 and one million parts per million', () => {
    expect(quantizeQuality(0)).toBe(0)
    expect(quantizeQuality(1)).toBe(1_000_000)
  })

  it('round to the nearest part per million, so float noise below an integer is not lost', () => {
    expect(0.000249 * 1_000_000).toBeLessThan(249)
    expect(quantizeQuality(0.000249)).toBe(249)
    expect(quantizeQuality(1 / 3)).toBe(333_333)
    expect(quantizeQuality(2 / 3)).toBe(666_667)
  })

  it('break an exact tie upwards', () => {
    // Each product below is exactly k + 0.5 in doubles.
    expect(0.0000025 * 1_000_000).toBe(2.5)
    expect(quantizeQuality(0.0000025)).toBe(3)
    expect(quantizeQuality(0.0000015)).toBe(2)
    expect(quantizeQuality(0.9999995)).toBe(1_000_000)
  })

  it('refuse anything outside [0, 1]', () => {
    for (const bad of [-0.1, 1.0000001, Number.NaN, Infinity, -Infinity]) {
      expect(() => quantizeQuality(bad)).toThrow(LedgerInputError)
    }
  })

  it('stay within one half of the exact product and keep the order of qualities', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const qa = quantizeQuality(a)
          expect(Math.abs(qa - a * 1_000_000)).toBeLessThanOrEqual(0.5)
          if (a <= b) expect(qa).toBeLessThanOrEqual(quantizeQuality(b))
        },
      ),
    )
  })
})

describe('updateRewardFor', () => {
  it('count samples only up to the target', () => {
    expect(updateRewardFor(PARAMS, 1_000_000, 100)).toBe(1_000_000n)
    expect(updateRewardFor(PARAMS, 1_000_000, Number.MAX_SAFE_INTEGER)).toBe(1_000_000n)
    expect(updateRewardFor(PARAMS, 1_000_000, 1)).toBe(10_000n)
  })

  it('grow with quality and samples and never exceed the update reward', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 300 }),
        fc.nat({ max: 300 }),
        (q1, q2, s1, s2) => {
          const [qLow, qHigh] = q1 <= q2 ? [q1, q2] : [q2, q1]
          const [sLow, sHigh] = s1 <= s2 ? [s1, s2] : [s2, s1]
          const low = updateRewardFor(PARAMS, qLow, sLow)
          const high = updateRewardFor(PARAMS, qHigh, sHigh)
          expect(low).toBeLessThanOrEqual(high)
          expect(high).toBeLessThanOrEqual(PARAMS.updateReward)
          expect(low).toBeGreaterThanOrEqual(0n)
        },
      ),
    )
  })

  it('equal the exact product rounded down', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 100 }), (ppm, samples) => {
        const exact = (1_000_000n * BigInt(ppm) * BigInt(samples)) / 100_000_000n
        expect(updateRewardFor(PARAMS, ppm, samples)).toBe(exact)
      }),
    )
  })
})
