/**
 * Evaluation of the shared model after each certified height: one at a time (a height committed
 * while the worker still evaluates the previous one is skipped, not queued), on at most
 * `maxSamples` test examples. A failure is reported, never thrown at the node.
 */
import type { EvalResult } from '../../shared/trainer/index.ts'
import { errorMessage } from '../../shared/node/errors.ts'
import type { TrainerClient } from './trainer-client.ts'

/** Test examples evaluated by default (the whole test set is slow on a phone). */
export const EVAL_SAMPLES = 2_000

/** What an evaluation reports. */
export interface EvaluationSink {
  evaluated(height: number, result: EvalResult): void
  failed(reason: string): void
}

/** Evaluates the certified model, one height at a time. */
export class Evaluator {
  readonly #trainer: TrainerClient
  readonly #maxSamples: number
  readonly #sink: EvaluationSink
  #busy = false

  constructor(trainer: TrainerClient, maxSamples: number | undefined, sink: EvaluationSink) {
    this.#trainer = trainer
    this.#maxSamples = maxSamples ?? EVAL_SAMPLES
    this.#sink = sink
  }

  /** Evaluates `weights`, the model of `height`, unless an evaluation is running. */
  async evaluate(height: number, weights: Float32Array): Promise<void> {
    if (this.#busy) return
    this.#busy = true
    try {
      const r = await this.#trainer.evaluate(weights, { maxSamples: this.#maxSamples })
      this.#sink.evaluated(height, r)
    } catch (err) {
      this.#sink.failed(`evaluate: ${errorMessage(err)}`)
    } finally {
      this.#busy = false
    }
  }
}
