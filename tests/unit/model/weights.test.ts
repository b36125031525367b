import { describe, expect, it } from 'vitest'
import { checkWeights, firstNonFinite } from '../../../shared/model/index.ts'

describe('checkWeights', () => {
  it('accepts a finite vector of the right size', () => {
    expect(checkWeights(new Float32Array(4), 4).ok).toBe(true)
  })

  it('names the size mismatch', () => {
    const r = checkWeights(new Float32Array(3), 4)
    expect(r).toEqual({ ok: false, reason: 'weights have 3 values, the model needs 4' })
  })

  it('names the first NaN or infinite value', () => {
    expect(checkWeights(Float32Array.of(0, Number.NaN, 1), 3)).toEqual({
      ok: false,
      reason: 'weights[1] is NaN; every value must be finite',
    })
    expect(checkWeights(Float32Array.of(0, 1, -Infinity), 3)).toMatchObject({
      reason: expect.stringContaining('weights[2] is -Infinity') as unknown,
    })
  })

  it('refuses something that is not a Float32Array', () => {
    expect(checkWeights([1, 2, 3], 3)).toEqual({
      ok: false,
      reason: 'weights must be a Float32Array, got Array',
    })
    expect(checkWeights(new Float64Array(3), 3).ok).toBe(false)
  })
})

describe('firstNonFinite', () => {
  it('returns -1 when all values are finite', () => {
    expect(firstNonFinite(Float32Array.of(1, -2, 3e38))).toBe(-1)
  })
})
