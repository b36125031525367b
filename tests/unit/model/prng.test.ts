import { describe, expect, it } from 'vitest'
import { createPrng, shuffleInPlace } from '../../../shared/model/index.ts'

describe('createPrng', () => {
  it('gives the same stream for the same seed', () => {
    const a = createPrng(42)
    const b = createPrng(42)
    const xs = Array.from({ length: 100 }, () => a.nextU32())
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(xs)
  })

  it('gives different streams for different seeds', () => {
    const a = createPrng(1)
    const b = createPrng(2)
    expect(a.nextU32()).not.toBe(b.nextU32())
  })

  it('matches the reference C xoshiro128** seeded by SplitMix32 (checked with gcc)', () => {
    const p = createPrng(0)
    expect([p.nextU32(), p.nextU32(), p.nextU32()]).toMatchInlineSnapshot(`
      [
        3809008728,
        1133695204,
        53579671,
      ]
    `)
  })

  it('makes floats in [0, 1) that float32 represents exactly', () => {
    const p = createPrng(7)
    for (let i = 0; i < 10_000; i++) {
      const x = p.nextFloat()
      expect(x >= 0 && x < 1).toBe(true)
      expect(Math.fround(x)).toBe(x)
    }
  })

  it('draws bounded integers roughly uniformly', () => {
    const p = createPrng(9)
    const counts = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) counts[p.nextInt(10)]! += 1
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500)
  })

  it('rejects a bound that is not a positive integer', () => {
    expect(() => createPrng(1).nextInt(0)).toThrow(RangeError)
    expect(() => createPrng(1).nextInt(2.5)).toThrow(RangeError)
  })
})

describe('shuffleInPlace', () => {
  it('permutes without losing or duplicating items', () => {
    const xs = Uint32Array.from({ length: 1000 }, (_, i) => i)
    shuffleInPlace(xs, createPrng(3))
    expect(new Set(xs).size).toBe(1000)
    expect(Array.from(xs).slice(0, 10)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})
