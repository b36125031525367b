import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AggregateInput, AggregationRule } from '../../../shared/training/aggregate/index.ts'
import {
  aggregate,
  DEFAULT_RULE,
  seededPermutation,
} from '../../../shared/training/aggregate/index.ts'
import type { NodeId } from '../../../shared/types/index.ts'

const node = (i: number) => i.toString(16).padStart(64, '0') as NodeId
const inputsOf = (vectors: number[][], samples?: number[]): AggregateInput[] =>
  vectors.map((v, i) => ({
    node: node(i),
    samples: samples?.[i] ?? 1,
    vector: Float32Array.from(v),
  }))

function run(rule: AggregationRule, inputs: AggregateInput[], previous?: number[]) {
  const result = aggregate(rule, inputs, {
    previous: previous === undefined ? undefined : Float32Array.from(previous),
    seed: new Uint8Array([7]),
  })
  if (!result.ok) throw new Error(result.reason)
  return { vector: [...result.value.vector], quality: result.value.quality.map((q) => q.quality) }
}

const RULES: AggregationRule[] = [
  { type: 'mean' },
  { type: 'median' },
  { type: 'trimmed-mean', beta: 0.2 },
  { type: 'multi-krum', f: 1 },
  DEFAULT_RULE,
  { type: 'centered-clip', tau: 0.5, iterations: 2 },
  { type: 'centered-clip', tau: 'auto', iterations: 3, bucketSize: 2 },
]

describe('aggregate', () => {
  it('is permutation-invariant bit for bit, qualities included, for every rule', () => {
    const value = fc.oneof(
      fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
      fc.constantFrom(0, -0, 1, -1),
    )
    const arb = fc
      .record({ n: fc.integer({ min: 5, max: 10 }), d: fc.integer({ min: 1, max: 40 }) })
      .chain(({ n, d }) =>
        fc.record({
          vectors: fc.array(fc.array(value, { minLength: d, maxLength: d }), {
            minLength: n,
            maxLength: n,
          }),
          samples: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: n, maxLength: n }),
          previous: fc.option(fc.array(value, { minLength: d, maxLength: d }), { nil: undefined }),
          order: fc.array(fc.nat(), { minLength: n, maxLength: n }),
        }),
      )
    fc.assert(
      fc.property(arb, ({ vectors, samples, previous, order }) => {
        const inputs = inputsOf(vectors, samples)
        const shuffled = inputs
          .map((input, i) => ({ input, key: order[i] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.input)
        for (const rule of RULES) {
          const a = run(rule, inputs, previous)
          const b = run(rule, shuffled, previous)
          expect(Float32Array.from(b.vector)).toEqual(Float32Array.from(a.vector))
          expect(new Uint32Array(Float32Array.from(b.vector).buffer)).toEqual(
            new Uint32Array(Float32Array.from(a.vector).buffer),
          )
          expect(b.quality).toEqual(a.quality)
          for (const q of a.quality) expect(q >= 0 && q <= 1).toBe(true)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('returns qualities in ascending node-id order whatever the input order', () => {
    const inputs = inputsOf([[1], [2], [3]]).reverse()
    const result = aggregate({ type: 'mean' }, inputs)
    expect(result.ok && result.value.quality.map((q) => q.node)).toEqual([
      node(0),
      node(1),
      node(2),
    ])
  })

  it('refuses no inputs, duplicate nodes, unequal lengths and non-finite values with a reason', () => {
    const reason = (inputs: AggregateInput[], previous?: Float32Array) => {
      const r = aggregate({ type: 'mean' }, inputs, { previous })
      return r.ok ? 'ok' : r.reason
    }
    expect(reason([])).toMatch(/no inputs/)
    expect(reason([...inputsOf([[1]]), ...inputsOf([[2]])])).toMatch(/two inputs/)
    expect(reason(inputsOf([[1, 2], [3]]))).toMatch(/has 1 values/)
    expect(reason(inputsOf([[1, NaN]]))).toMatch(/non-finite/)
    expect(reason(inputsOf([[1, Infinity]]))).toMatch(/non-finite/)
    expect(reason(inputsOf([[1]]), Float32Array.of(1, 2))).toMatch(/previous/)
    expect(reason(inputsOf([[1]], [0]))).toMatch(/no samples/)
  })
})

describe('mean', () => {
  it('weighs each input by its samples', () => {
    const { vector, quality } = run(
      { type: 'mean' },
      inputsOf(
        [
          [0, 10],
          [4, 2],
        ],
        [3, 1],
      ),
    )
    expect(vector).toEqual([1, 8])
    expect(quality).toEqual([1, 1])
  })
})

describe('median and trimmed mean', () => {
  it('take the middle value for odd n and the mean of the two middle values for even n', () => {
    expect(run({ type: 'median' }, inputsOf([[3], [1], [100]])).vector).toEqual([3])
    expect(run({ type: 'median' }, inputsOf([[3], [1], [100], [5]])).vector).toEqual([4])
  })

  it('drop ⌊βn⌋ values at each end, and score inputs by the coordinates they kept', () => {
    const inputs = inputsOf([
      [1, 1],
      [2, 2],
      [3, 3],
      [1000, -1000],
    ])
    const { vector, quality } = run({ type: 'trimmed-mean', beta: 0.25 }, inputs)
    expect(vector).toEqual([2.5, 1.5])
    // Kept share relative to the expected (n − 2t)/n = 1/2: the outlier is never kept.
    expect(quality).toEqual([1, 1, 1, 0])
  })

  it('refuses β outside [0, 1/2)', () => {
    const r = aggregate({ type: 'trimmed-mean', beta: 0.5 }, inputsOf([[1], [2]]))
    expect(r.ok).toBe(false)
  })
})

describe('multi-krum', () => {
  it('averages the m inputs closest to their neighbours and gives the others quality 0', () => {
    const inputs = inputsOf([[0], [0.1], [0.2], [0.3], [0.4], [50], [60]])
    const { vector, quality } = run({ type: 'multi-krum', f: 2, m: 5 }, inputs)
    expect(vector[0]).toBeCloseTo(0.2, 6)
    expect(quality).toEqual([1, 1, 1, 1, 1, 0, 0])
  })

  it('refuses to run unless n > 2f + 2', () => {
    const r = aggregate({ type: 'multi-krum', f: 2 }, inputsOf([[1], [2], [3], [4], [5], [6]]))
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/n > 2f \+ 2/) as unknown })
  })
})

describe('centered-clip', () => {
  it('with a radius that clips nothing, one step from anywhere is the plain mean', () => {
    const inputs = inputsOf([
      [1, 2],
      [3, 4],
      [5, 9],
    ])
    const { vector, quality } = run(
      { type: 'centered-clip', tau: 1e9, iterations: 1 },
      inputs,
      [100, -100],
    )
    expect(vector[0]).toBeCloseTo(3, 5)
    expect(vector[1]).toBeCloseTo(5, 5)
    expect(quality).toEqual([1, 1, 1])
  })

  it('moves at most τ per outlier and iteration, and scores the outlier low', () => {
    const inputs = inputsOf([[0], [0], [0], [1000]])
    const { vector, quality } = run({ type: 'centered-clip', tau: 1, iterations: 3 }, inputs, [0])
    expect(vector[0]).toBeLessThanOrEqual(3 * (1 / 4) + 1e-6)
    expect(quality.slice(0, 3)).toEqual([1, 1, 1])
    expect(quality[3]).toBeLessThan(0.01)
  })

  it('starts from the coordinate-wise median when there is no previous aggregate', () => {
    const inputs = inputsOf([[1], [2], [3], [1e6]])
    const { vector } = run({ type: 'centered-clip', tau: 'auto', iterations: 1 }, inputs)
    expect(vector[0]).toBeGreaterThan(1)
    expect(vector[0]).toBeLessThan(4)
  })

  it('needs a seed to bucket, and the same seed gives the same buckets', () => {
    const inputs = inputsOf([[1], [2], [3], [4], [5]])
    const rule: AggregationRule = {
      type: 'centered-clip',
      tau: 'auto',
      iterations: 2,
      bucketSize: 2,
    }
    expect(aggregate(rule, inputs).ok).toBe(false)
    const a = aggregate(rule, inputs, { seed: new Uint8Array([1, 2]) })
    const b = aggregate(rule, inputs, { seed: new Uint8Array([1, 2]) })
    expect(a).toEqual(b)
  })

  it('refuses invalid τ, iterations and bucket sizes', () => {
    const inputs = inputsOf([[1]])
    for (const rule of [
      { type: 'centered-clip', tau: -1, iterations: 3 },
      { type: 'centered-clip', tau: 'auto', iterations: 0 },
      { type: 'centered-clip', tau: 'auto', iterations: 3, bucketSize: 0 },
    ] as AggregationRule[]) {
      expect(aggregate(rule, inputs).ok).toBe(false)
    }
  })
})

describe('seededPermutation', () => {
  it('is a permutation, fixed by the seed, and varies with it', () => {
    const a = seededPermutation(50, new Uint8Array([1]))
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(50).keys()])
    expect(seededPermutation(50, new Uint8Array([1]))).toEqual(a)
    expect(seededPermutation(50, new Uint8Array([2]))).not.toEqual(a)
  })
})
