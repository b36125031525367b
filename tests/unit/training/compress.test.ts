import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CompressionSpec } from '../../../shared/training/compress/index.ts'
import {
  compressedSize,
  decodeVector,
  encodeVector,
  ErrorFeedback,
  halfTable,
  toHalfBits,
  topKIndices,
  topk,
} from '../../../shared/training/compress/index.ts'

// Property predicates return booleans: vitest's expect() inside fast-check, per element of a
// vector, would dominate the run time.
const f16round = (Math as unknown as { f16round: (x: number) => number }).f16round

const vectorArb = (maxLength = 600, minLength = 0) =>
  fc
    .array(
      fc.oneof(
        fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
        fc.float({
          noNaN: true,
          noDefaultInfinity: true,
          min: Math.fround(-1e-3),
          max: Math.fround(1e-3),
        }),
        fc.constantFrom(0, -0, 1e-40, 3.4e38),
      ),
      { minLength, maxLength },
    )
    .map((xs) => Float32Array.from(xs))

// Values whose sums stay finite, for multi-round error feedback.
const boundedVector = (length: number) =>
  fc
    .array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
      minLength: length,
      maxLength: length,
    })
    .map((xs) => Float32Array.from(xs))

const specArb: fc.Arbitrary<CompressionSpec> = fc.oneof(
  fc.constant({ type: 'f32' } as const),
  fc.constant({ type: 'f16' } as const),
  fc.integer({ min: 1, max: 300 }).map((chunk) => ({ type: 'int8', chunk }) as const),
)

function decode(bytes: Uint8Array, dimension: number): Float32Array {
  const result = decodeVector(bytes, { dimension })
  if (!result.ok) throw new Error(result.reason.detail)
  return result.value.vector
}

describe('fp16', () => {
  it('rounds like the platform Math.f16round within range and saturates beyond ±65504', () => {
    const table = halfTable()
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const expected = Math.abs(x) > 65504 ? Math.sign(x) * 65504 : f16round(x)
        return Object.is(table[toHalfBits(x)], expected)
      }),
      { numRuns: 20_000 },
    )
  })

  it('maps known values to their IEEE 754 half bits', () => {
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65520, 0x7bff],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000],
      [1.5 * 2 ** -25, 0x0001],
      [-0, 0x8000],
      [Math.fround(0.1), 0x2e66],
    ]
    for (const [x, bits] of cases) expect(toHalfBits(x)).toBe(bits)
  })
})

describe('encodeVector and decodeVector', () => {
  it('produce exactly compressedSize bytes for every spec and length', () => {
    fc.assert(
      fc.property(vectorArb(), specArb, fc.nat(), (x, spec, kSeed) => {
        const specs = [spec, topk(x.length === 0 ? 0 : kSeed % (x.length + 1), 1 + (kSeed % 9))]
        return specs.every((s) => encodeVector(x, s).length === compressedSize(s, x.length))
      }),
    )
  })

  it('round-trip fp32 exactly and fp16 as f16round does', () => {
    fc.assert(
      fc.property(vectorArb(), (x) => {
        const full = decode(encodeVector(x, { type: 'f32' }), x.length)
        const half = decode(encodeVector(x, { type: 'f16' }), x.length)
        return x.every((v, i) => {
          const want = Math.abs(v) > 65504 ? Math.sign(v) * 65504 : f16round(v)
          return Object.is(full[i], v) && Object.is(half[i], want)
        })
      }),
    )
  })

  it('bound the int8 error in each chunk by max|x| / 254', () => {
    fc.assert(
      fc.property(vectorArb(), fc.integer({ min: 1, max: 300 }), (x, chunk) => {
        const y = decode(encodeVector(x, { type: 'int8', chunk }), x.length)
        for (let start = 0; start < x.length; start += chunk) {
          const part = x.subarray(start, start + chunk)
          const max = part.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
          const bound = (max / 254) * (1 + 2 ** -20) + 2 ** -140
          if (!part.every((v, j) => Math.abs((y[start + j] ?? NaN) - v) <= bound)) return false
        }
        return true
      }),
    )
  })

  it('keep exactly k values in top-k: the k largest magnitudes, lower index on ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 400 }),
        fc.nat(),
        (ints, kSeed) => {
          const x = Float32Array.from(ints, (v) => v / 8)
          const k = kSeed % (x.length + 1)
          const picked = [...topKIndices(x, k)]
          const expected = [...x.keys()]
            .sort((a, b) => Math.abs(x[b] ?? 0) - Math.abs(x[a] ?? 0) || a - b)
            .slice(0, k)
            .sort((a, b) => a - b)
          const y = decode(encodeVector(x, topk(k)), x.length)
          const kept = new Set(picked)
          return (
            picked.length === k &&
            picked.every((v, i) => v === expected[i]) &&
            [...y.keys()].every((i) => y[i] === 0 || kept.has(i))
          )
        },
      ),
    )
  })

  it('select top-k on large vectors including equal magnitudes of both signs', () => {
    const x = new Float32Array(100_000).map((_, i) => ((i * 7919) % 1000) * (i % 2 ? 1 : -1))
    const picked = topKIndices(x, 3000)
    expect(picked.length).toBe(3000)
    const min = Math.min(...[...picked].map((i) => Math.abs(x[i] ?? 0)))
    const larger = x.filter((v) => Math.abs(v) > min).length
    expect(larger).toBeLessThan(3000)
    expect([...picked].every((v, i, a) => i === 0 || v > (a[i - 1] ?? -1))).toBe(true)
  })

  it('compress int8 about 3.9× and top-k 3% about 26× against fp32', () => {
    const d = 100_000
    const raw = compressedSize({ type: 'f32' }, d)
    expect(raw / compressedSize({ type: 'int8', chunk: 256 }, d)).toBeGreaterThan(3.9)
    expect(raw / compressedSize(topk(3000), d)).toBeGreaterThan(26)
  })

  it('refuse to encode a non-finite value or an invalid spec', () => {
    const x = Float32Array.of(1, NaN)
    expect(() => encodeVector(x, { type: 'f16' })).toThrow(/not finite/)
    expect(() => encodeVector(Float32Array.of(1), topk(2))).toThrow(/k=2/)
    expect(() => encodeVector(Float32Array.of(1), { type: 'int8', chunk: 0 })).toThrow(/chunk/)
  })
})

describe('decodeVector on hostile bytes', () => {
  const x = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i) * 3)
  const reasonOf = (bytes: Uint8Array, dimension = 300) => {
    const r = decodeVector(bytes, { dimension })
    return r.ok ? 'ok' : r.reason.detail
  }
  const patch = (bytes: Uint8Array, at: number, values: number[]) => {
    const out = bytes.slice()
    out.set(values, at)
    return out
  }

  it('never throws and returns a value or a reason for any bytes', () => {
    const valid = [{ type: 'f32' }, { type: 'f16' }, { type: 'int8', chunk: 64 }, topk(40, 16)].map(
      (s) => encodeVector(x, s as CompressionSpec),
    )
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 1, max: 255 }))
        .map(([b, at, mask]) => patch(b, at % b.length, [(b[at % b.length] ?? 0) ^ mask])),
    )
    fc.assert(
      fc.property(inputs, (bytes) => {
        const r = decodeVector(bytes, { dimension: 300 })
        return r.ok ? r.value.vector.every(Number.isFinite) : r.reason.code === 'malformed'
      }),
      { numRuns: 5000 },
    )
  })

  it('refuses a payload for another dimension or of the wrong length', () => {
    const bytes = encodeVector(x, { type: 'int8', chunk: 64 })
    expect(reasonOf(bytes, 301)).toMatch(/300 values, the model 301/)
    expect(reasonOf(bytes.subarray(0, bytes.length - 1))).toMatch(/expected/)
    expect(reasonOf(new Uint8Array([...bytes, 0]))).toMatch(/expected/)
  })

  it('refuses non-finite fp32 and fp16 values', () => {
    const f32 = encodeVector(x, { type: 'f32' })
    const f16 = encodeVector(x, { type: 'f16' })
    const header = f32.length - 1200
    expect(reasonOf(patch(f32, header + 8, [0, 0, 0xc0, 0x7f]))).toMatch(/value 2 is not finite/)
    expect(reasonOf(patch(f16, f16.length - 2, [0, 0x7c]))).toMatch(/value 299 is not finite/)
  })

  it('refuses an int8 level of -128 and scales that are negative, non-finite or too large', () => {
    const bytes = encodeVector(x, { type: 'int8', chunk: 64 })
    const scales = bytes.length - 300 - 4 * 5
    expect(reasonOf(patch(bytes, bytes.length - 1, [0x80]))).toMatch(/level -128/)
    expect(reasonOf(patch(bytes, scales, [0, 0, 0x80, 0xbf]))).toMatch(/invalid scale -1/)
    expect(reasonOf(patch(bytes, scales, [0, 0, 0xc0, 0x7f]))).toMatch(/invalid scale NaN/)
    expect(reasonOf(patch(bytes, scales, [0xff, 0xff, 0x7f, 0x7f]))).toMatch(/invalid scale/)
  })

  it('refuses top-k indices out of order, repeated or out of range', () => {
    const bytes = encodeVector(x, topk(3, 16))
    const indices = bytes.length - 3 - 4 - 12
    expect(reasonOf(patch(bytes, indices + 4, [0, 0, 0, 0]))).toMatch(/out of order/)
    expect(reasonOf(patch(bytes, indices + 8, [0x2c, 0x01, 0, 0]))).toMatch(/out of order or range/)
  })

  it('refuses an unknown codec', () => {
    const bytes = encodeVector(x, { type: 'f32' })
    expect(reasonOf(patch(bytes, 1, [0x78]))).toMatch(/unknown codec/)
  })
})

describe('ErrorFeedback', () => {
  it('conserves the dropped mass: sent + residual equals delta + old residual, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(boundedVector(200), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 200 }),
        (deltas, k) => {
          const feedback = new ErrorFeedback(topk(k, 32), 200)
          for (const delta of deltas) {
            const before = feedback.residual
            const { sent } = feedback.compress(delta)
            const after = feedback.residual
            for (let i = 0; i < 200; i++) {
              const acc = Math.fround((delta[i] ?? 0) + (before[i] ?? 0))
              if (Math.fround((sent[i] ?? 0) + (after[i] ?? 0)) !== acc) return false
            }
          }
          return true
        },
      ),
      { numRuns: 300 },
    )
  })

  it('delays but never loses mass: each residual stays bounded and sent + residual adds up', () => {
    const delta = Float32Array.from({ length: 100 }, (_, i) => 1 + i / 100)
    const feedback = new ErrorFeedback(topk(10), 100)
    const total = new Float64Array(100)
    for (let round = 0; round < 40; round++) {
      const { sent } = feedback.compress(delta)
      sent.forEach((v, i) => (total[i] = (total[i] ?? 0) + v))
    }
    const residual = feedback.residual
    for (let i = 0; i < 100; i++) {
      // Sent every ~d/k = 10 rounds, so at most ~11 rounds of mass waits in the residual.
      expect(residual[i]).toBeLessThanOrEqual(11 * 2)
      expect(total[i]).toBeGreaterThan(0)
      const expected = 40 * (delta[i] ?? 0)
      expect(Math.abs((total[i] ?? 0) + (residual[i] ?? 0) - expected)).toBeLessThan(
        1e-3 * expected,
      )
    }
  })

  it('works with int8 too, and forgets its residual on reset', () => {
    const feedback = new ErrorFeedback({ type: 'int8', chunk: 8 }, 16)
    feedback.compress(Float32Array.from({ length: 16 }, (_, i) => i * 0.37))
    expect(feedback.residual.some((v) => v !== 0)).toBe(true)
    feedback.reset()
    expect(feedback.residual.every((v) => v === 0)).toBe(true)
  })
})
