/** Adapts the node's `Trainer` (the worker, or the trainer core in Node) to the chain's needs. */
import type { TrainMetrics, TrainProgress, Trainer } from '../trainer/index.ts'
import type { AbortSignalLike, Height, NodeId } from '../types/index.ts'
import type { LocalTrainer } from './local-round.ts'

/** How the rounds run and who watches them. */
export interface LocalTrainerOptions {
  /** H for the next round (at most the job's); read at the start of each round. */
  readonly maxSteps?: () => number | undefined
  /** Progress of the running round. */
  readonly onProgress?: (height: Height, progress: TrainProgress) => void
  /** Measurements of a finished round. */
  readonly onTrained?: (height: Height, metrics: TrainMetrics) => void
}

/** A `LocalTrainer` that runs one round of `trainer` per height on this node's shard. */
export function localTrainer(
  trainer: Trainer,
  nodeId: NodeId,
  options: LocalTrainerOptions = {},
): LocalTrainer {
  const { onProgress, onTrained } = options
  return {
    async train(weights: Float32Array, height: Height, signal: AbortSignalLike, budgetMs?: number) {
      const maxSteps = options.maxSteps?.()
      const plan = {
        height,
        nodeId,
        ...(maxSteps === undefined ? {} : { maxSteps }),
        ...(budgetMs === undefined ? {} : { budgetMs }),
      }
      const progress =
        onProgress === undefined ? undefined : (p: TrainProgress) => onProgress(height, p)
      const result = await trainer.train(weights, plan, progress, { signal })
      onTrained?.(height, result.metrics)
      return { delta: result.delta, samples: result.metrics.samples, loss: result.metrics.meanLoss }
    },
  }
}
