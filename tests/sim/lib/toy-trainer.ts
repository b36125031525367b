/**
 * A toy trainer for protocol tests: the "model" is a vector θ, each node's data pulls it toward
 * a shared target t plus its own seeded noise, and one round returns Δ = η (θ − t_i). DiLoCo with
 * any sane aggregation drives θ to t; attacks visibly push it away.
 */
import type { LocalTrainer } from '../../../shared/chain/index.ts'
import type { Height } from '../../../shared/types/index.ts'
import { rng } from './rng.ts'

/** The shared target for dimension `d`. */
export function toyTarget(d: number, seed = 7): Float32Array {
  const r = rng(seed)
  return Float32Array.from({ length: d }, () => r() * 2 - 1)
}

/** A trainer for node `i` that takes `trainMs` of simulated time. */
export function toyTrainer(
  i: number,
  target: Float32Array,
  clock: { setTimeout(fn: () => void, ms: number): unknown },
  options: { trainMs?: number; eta?: number; noise?: number } = {},
): LocalTrainer {
  return {
    async train(weights: Float32Array, height: Height) {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, options.trainMs ?? 500))
      const r = rng(i * 1_000_003 + height)
      const eta = options.eta ?? 0.3
      const noise = options.noise ?? 0.05
      const delta = new Float32Array(weights.length)
      let loss = 0
      for (let k = 0; k < weights.length; k++) {
        const diff = (weights[k] ?? 0) - (target[k] ?? 0) + noise * (r() * 2 - 1)
        delta[k] = eta * diff
        loss += diff * diff
      }
      return { delta, samples: 640, loss: loss / weights.length }
    },
  }
}

/** Mean squared distance between θ and the target. */
export function toyError(weights: Float32Array, target: Float32Array): number {
  let s = 0
  for (let k = 0; k < weights.length; k++) s += ((weights[k] ?? 0) - (target[k] ?? 0)) ** 2
  return s / weights.length
}
