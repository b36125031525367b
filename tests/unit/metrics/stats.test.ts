import { describe, expect, it } from 'vitest'
import { mean, percentile, sum } from '../../../shared/metrics/index.ts'

describe('percentile', () => {
  it('picks by nearest rank', () => {
    const xs = [15, 20, 35, 40, 50]
    expect(percentile(xs, 5)).toBe(15)
    expect(percentile(xs, 30)).toBe(20)
    expect(percentile(xs, 40)).toBe(20)
    expect(percentile(xs, 50)).toBe(35)
    expect(percentile(xs, 95)).toBe(50)
    expect(percentile(xs, 100)).toBe(50)
    expect(percentile(xs, 0)).toBe(15)
  })

  it('does not depend on the order of the values and leaves them alone', () => {
    const xs = [9, 1, 5, 3, 7]
    expect(percentile(xs, 50)).toBe(5)
    expect(xs).toEqual([9, 1, 5, 3, 7])
  })

  it('skips values that are not finite, and is NaN for none', () => {
    expect(percentile([NaN, 4, Infinity], 50)).toBe(4)
    expect(percentile([], 50)).toBeNaN()
  })

  it('refuses a p outside [0, 100]', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError)
    expect(() => percentile([1], NaN)).toThrow(RangeError)
  })
})

describe('mean and sum', () => {
  it('use the finite values only', () => {
    expect(mean([1, 2, NaN, 3])).toBe(2)
    expect(mean([])).toBeNaN()
    expect(sum([1, 2, NaN, 3])).toBe(6)
  })
})
