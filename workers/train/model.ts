/**
 * The job's model as tfjs variables, built from the flat layout of `shared/model`.
 *
 * @remarks
 * No `tf.layers`: one variable per `TensorSlot`, and a forward pass of fused ops (matMul and
 * conv2d with bias and activation in one kernel where the backend has it). Reading and writing the
 * flat vector is a straight copy per slot, because the layout is tfjs' own row-major shapes.
 */
import type { ModelSpec, WeightLayout } from '../../shared/model/index.ts'
import { tf } from '../tf.ts'

/** A model's variables and forward pass. */
export class TfModel {
  readonly spec: ModelSpec
  readonly layout: WeightLayout
  /** One trainable variable per layout slot, in layout order. */
  readonly variables: readonly tf.Variable[]

  constructor(spec: ModelSpec, layout: WeightLayout, initial: Float32Array) {
    this.spec = spec
    this.layout = layout
    this.variables = layout.tensors.map((slot) => {
      const value = tf.tensor(initial.slice(slot.offset, slot.offset + slot.size), [...slot.shape])
      const variable = tf.variable(value, true)
      value.dispose()
      return variable
    })
  }

  /** Overwrites every variable from a flat vector in layout order (copied, never kept). */
  setWeights(flat: Float32Array): void {
    tf.tidy(() => {
      this.layout.tensors.forEach((slot, i) => {
        const value = tf.tensor(flat.slice(slot.offset, slot.offset + slot.size), [...slot.shape])
        this.variables[i]?.assign(value)
      })
    })
  }

  /** Reads every variable back into one flat vector. */
  async readWeights(): Promise<Float32Array> {
    const out = new Float32Array(this.layout.paramCount)
    const parts = await Promise.all(this.variables.map((v) => v.data<'float32'>()))
    this.layout.tensors.forEach((slot, i) => out.set(parts[i] as Float32Array, slot.offset))
    return out
  }

  /** Logits `[N, outputs]` for a batch of NHWC images. */
  logits(x: tf.Tensor4D): tf.Tensor2D {
    let h: tf.Tensor = x
    let v = 0
    for (const layer of this.spec.layers) {
      switch (layer.type) {
        case 'dense': {
          const [kernel, bias] = [
            this.variables[v] as tf.Tensor2D,
            this.variables[v + 1] as tf.Tensor1D,
          ]
          h = tf.fused.matMul({
            a: h,
            b: kernel,
            bias,
            activation: layer.activation,
          })
          v += 2
          break
        }
        case 'conv2d': {
          const [filter, bias] = [
            this.variables[v] as tf.Tensor4D,
            this.variables[v + 1] as tf.Tensor1D,
          ]
          h = tf.fused.conv2d({
            x: h as tf.Tensor4D,
            filter,
            strides: 1,
            pad: layer.padding,
            bias,
            activation: layer.activation,
          })
          v += 2
          break
        }
        case 'maxPool2d':
          h = tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.poolSize, 'valid')
          break
        case 'flatten':
          h = tf.reshape(h, [h.shape[0] ?? -1, -1])
          break
      }
    }
    return h as tf.Tensor2D
  }

  /** Mean softmax cross-entropy of the batch against one-hot labels. */
  loss(x: tf.Tensor4D, oneHot: tf.Tensor2D): tf.Scalar {
    return tf.losses.softmaxCrossEntropy(oneHot, this.logits(x))
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of this.variables) v.dispose()
  }
}
