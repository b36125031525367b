/** Adapts the node's `Trainer` (the worker, or the trainer core in Node) to the chain's needs. */
import type { Trainer } from '../trainer/index.ts'
import type { AbortSignalLike, Height, NodeId } from '../types/index.ts'
import type { LocalTrainer } from './app.ts'

/** A `LocalTrainer` that runs one round of `trainer` per height on this node's shard. */
export function localTrainer(
  trainer: Trainer,
  nodeId: NodeId,
  options: { maxSteps?: number } = {},
): LocalTrainer {
  return {
    async train(weights: Float32Array, height: Height, signal: AbortSignalLike) {
      const plan = {
        height,
        nodeId,
        ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
      }
      const result = await trainer.train(weights, plan, undefined, { signal })
      return { delta: result.delta, samples: result.metrics.samples, loss: result.metrics.meanLoss }
    },
  }
}
