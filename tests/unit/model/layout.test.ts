import { describe, expect, it } from 'vitest'
import { planModel, weightLayout } from '../../../shared/model/index.ts'
import type { ModelSpec } from '../../../shared/model/index.ts'

const mlp: ModelSpec = {
  input: [28, 28, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'linear' },
  ],
  loss: 'softmax-cross-entropy',
}

const cnn: ModelSpec = {
  input: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2 },
    { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'linear' },
  ],
  loss: 'softmax-cross-entropy',
}

describe('weightLayout', () => {
  it('lays out the MLP as kernel then bias per layer, contiguous', () => {
    const layout = weightLayout(mlp)
    expect(layout.paramCount).toBe(784 * 128 + 128 + 128 * 10 + 10)
    expect(layout.tensors.map((t) => [t.name, t.shape, t.offset])).toEqual([
      ['layers.1.dense.kernel', [784, 128], 0],
      ['layers.1.dense.bias', [128], 100_352],
      ['layers.2.dense.kernel', [128, 10], 100_480],
      ['layers.2.dense.bias', [10], 101_760],
    ])
    expect(layout.outputs).toBe(10)
  })

  it('infers conv shapes with same and valid padding and HWIO kernels', () => {
    const layout = weightLayout(cnn)
    // 28 → same conv 28 → pool 14 → valid conv 12 → pool 6: 6·6·16 = 576 inputs to the dense layer.
    expect(layout.tensors.map((t) => t.shape)).toEqual([
      [3, 3, 1, 8],
      [8],
      [3, 3, 8, 16],
      [16],
      [576, 10],
      [10],
    ])
    expect(layout.tensors[0]).toMatchObject({ fanIn: 9, fanOut: 72 })
  })
})

describe('planModel', () => {
  it('says a dense layer on an image needs a flatten first', () => {
    const spec: ModelSpec = { ...mlp, layers: [{ type: 'dense', units: 10, activation: 'linear' }] }
    const plan = planModel(spec)
    expect(plan.ok).toBe(false)
    if (!plan.ok)
      expect(plan.reason[0]).toEqual({
        path: 'model.layers[0]',
        message: expect.stringContaining('flatten') as unknown,
      })
  })

  it('refuses a model whose logits layer has an activation', () => {
    const spec: ModelSpec = {
      ...mlp,
      layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'relu' }],
    }
    const plan = planModel(spec)
    expect(plan.ok ? [] : plan.reason.map((i) => i.path)).toEqual(['model.layers[1].activation'])
  })

  it('refuses a kernel larger than its input', () => {
    const spec: ModelSpec = {
      ...mlp,
      input: [4, 4, 1],
      layers: [
        { type: 'conv2d', filters: 2, kernelSize: 5, padding: 'valid', activation: 'relu' },
        { type: 'flatten' },
        { type: 'dense', units: 2, activation: 'linear' },
      ],
    }
    expect(planModel(spec).ok).toBe(false)
  })
})
