/** One training step: loss, gradients, AdamW update, all in one `tf.tidy`. */
import { tf } from '../tf.ts'
import type { AdamW } from './adamw.ts'
import type { TfModel } from './model.ts'

/** Runs one step on a batch and returns the batch's loss (the caller disposes it). */
export function trainStep(
  model: TfModel,
  optimizer: AdamW,
  x: tf.Tensor4D,
  y: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => model.loss(x, y), [...model.variables])
    optimizer.apply(
      model.variables,
      model.variables.map((v) => grads[v.name] as tf.Tensor),
    )
    return value
  })
}

/** Reads a group of scalar losses in one device round trip and frees them. */
export async function readLosses(losses: readonly tf.Scalar[]): Promise<Float32Array> {
  if (losses.length === 0) return new Float32Array(0)
  const stacked = tf.stack([...losses])
  try {
    return (await stacked.data()) as Float32Array
  } finally {
    stacked.dispose()
    for (const l of losses) l.dispose()
  }
}
