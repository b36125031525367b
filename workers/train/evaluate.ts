/** Loss and accuracy of the model's current weights on a dataset, in batches. */
import type { DecodedDataset } from '../../shared/job/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import { EVAL_BATCH } from '../constants.ts'
import { now, throwIfAborted, yieldToEventLoop } from '../platform.ts'
import { tf } from '../tf.ts'
import type { TfModel } from './model.ts'

/** Result of an evaluation. */
export interface Evaluation {
  readonly loss: number
  readonly accuracy: number
  readonly samples: number
  readonly elapsedMs: number
}

/** Evaluates the first `samples` examples; totals stay on the device until the end. */
export async function evaluateModel(
  model: TfModel,
  data: DecodedDataset,
  samples: number,
  signal?: AbortSignalLike,
): Promise<Evaluation> {
  const start = now()
  const { rows, cols, channels, classes } = data.header
  const pixels = rows * cols * channels
  let totals = tf.zeros([2]) // [sum of losses, correct predictions]
  try {
    for (let from = 0; from < samples; from += EVAL_BATCH) {
      throwIfAborted(signal, 'evaluation')
      const n = Math.min(EVAL_BATCH, samples - from)
      const x = new Float32Array(n * pixels)
      const src = data.pixels.subarray(from * pixels, (from + n) * pixels)
      for (let i = 0; i < x.length; i++) x[i] = (src[i] as number) / 255
      const labels = Int32Array.from(data.labels.subarray(from, from + n))
      const next = tf.tidy(() => {
        const logits = model.logits(tf.tensor4d(x, [n, rows, cols, channels]))
        const y = tf.tensor1d(labels, 'int32')
        const loss = tf.losses.softmaxCrossEntropy(
          tf.oneHot(y, classes),
          logits,
          undefined,
          undefined,
          tf.Reduction.SUM,
        )
        const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'))
        return tf.add(totals, tf.stack([loss, correct]))
      })
      totals.dispose()
      totals = next
      await yieldToEventLoop()
    }
    const [lossSum = NaN, correct = NaN] = await totals.data()
    return {
      loss: lossSum / samples,
      accuracy: correct / samples,
      samples,
      elapsedMs: now() - start,
    }
  } finally {
    totals.dispose()
  }
}
