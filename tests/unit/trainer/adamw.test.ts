import { describe, expect, it } from 'vitest'
import type { AdamWSpec } from '../../../shared/job/index.ts'
import { tf } from '../../../workers/tf.ts'
import { AdamW } from '../../../workers/train/adamw.ts'

const spec: AdamWSpec = {
  name: 'adamw',
  lr: 0.1,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0.5,
}

/** PyTorch's AdamW on one scalar, written out plainly. */
function reference(p: number, grads: number[], decay: boolean): number {
  let m = 0
  let v = 0
  grads.forEach((g, i) => {
    const t = i + 1
    if (decay) p -= spec.lr * spec.weightDecay * p
    m = spec.beta1 * m + (1 - spec.beta1) * g
    v = spec.beta2 * v + (1 - spec.beta2) * g * g
    const mHat = m / (1 - spec.beta1 ** t)
    const vHat = v / (1 - spec.beta2 ** t)
    p -= (spec.lr * mHat) / (Math.sqrt(vHat) + spec.epsilon)
  })
  return p
}

describe('AdamW', () => {
  it('matches PyTorch’s AdamW, decaying kernels and not biases', async () => {
    await tf.setBackend('cpu')
    const kernel = tf.variable(tf.tensor1d([1.5]))
    const bias = tf.variable(tf.tensor1d([1.5]))
    const opt = new AdamW(spec, [kernel, bias], [true, false])
    const grads = [0.3, -0.2, 0.7]
    for (const g of grads)
      tf.tidy(() => opt.apply([kernel, bias], [tf.tensor1d([g]), tf.tensor1d([g])]))
    expect((await kernel.data())[0]).toBeCloseTo(reference(1.5, grads, true), 5)
    expect((await bias.data())[0]).toBeCloseTo(reference(1.5, grads, false), 5)
    expect(opt.steps).toBe(3)
    opt.reset()
    expect(opt.steps).toBe(0)
    opt.dispose()
    kernel.dispose()
    bias.dispose()
  })
})
