import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { glorotLimit, initialWeights, weightLayout } from '../../../shared/model/index.ts'
import type { ModelSpec } from '../../../shared/model/index.ts'

const spec: ModelSpec = {
  input: [28, 28, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'linear' },
  ],
  loss: 'softmax-cross-entropy',
}

describe('initialWeights', () => {
  it('gives the same bytes for the same seed', () => {
    expect(Buffer.from(initialWeights(spec, 123).buffer)).toEqual(
      Buffer.from(initialWeights(spec, 123).buffer),
    )
  })

  it('gives different weights for a different seed', () => {
    expect(initialWeights(spec, 1)[0]).not.toBe(initialWeights(spec, 2)[0])
  })

  it('keeps kernels within the Glorot limit and biases at zero', () => {
    const w = initialWeights(spec, 5)
    for (const slot of weightLayout(spec).tensors) {
      const part = w.subarray(slot.offset, slot.offset + slot.size)
      if (slot.role === 'bias') {
        expect(part.every((x) => x === 0)).toBe(true)
      } else {
        const limit = glorotLimit(slot.fanIn, slot.fanOut)
        expect(part.every((x) => Math.abs(x) <= limit)).toBe(true)
        // Uniform on [−l, l] has variance l²/3 (within 10% on 1,280 or more draws).
        const variance = part.reduce((s, x) => s + x * x, 0) / part.length
        expect(Math.abs(variance / ((limit * limit) / 3) - 1)).toBeLessThan(0.1)
      }
    }
  })

  it('keeps its golden hash, so an accidental change to θ_0 is caught', () => {
    const w = initialWeights(spec, 3141592653)
    const digest = createHash('sha256').update(new Uint8Array(w.buffer)).digest('hex')
    expect([w[0], w[100_480], digest]).toMatchInlineSnapshot(`
      [
        0.07562243193387985,
        -0.009514259174466133,
        "8799e0e39a34c841f5f02b04defc397748ccca70e905682df462b82fa2a8a0d4",
      ]
    `)
  })
})
