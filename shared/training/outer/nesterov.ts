/**
 * The DiLoCo outer step: SGD with Nesterov momentum over flat vectors (DESIGN.md, "Apply"):
 * m ← μ m + g; θ ← θ − η (g + μ m), the update of `torch.optim.SGD(nesterov=True, dampening=0)`
 * with g the aggregated pseudo-gradient (θ_{h−1} − θ_i averaged robustly).
 *
 * @remarks
 * Consensus-critical. Every operation is rounded to float32 with `Math.fround`, in the order
 * written above, so the result equals a float32 reference implementation bit for bit and every
 * node computes the same θ_h.
 */
import type { Height } from '../../types/index.ts'
import { OuterStepError } from '../errors.ts'
import { OUTER_LR, OUTER_MOMENTUM } from './constants.ts'

/** Outer optimizer settings (from the job manifest). */
export interface OuterConfig {
  /** η, the outer learning rate. */
  readonly lr: number
  /** μ, the Nesterov momentum. */
  readonly momentum: number
}

/** The defaults: η = 0.7, μ = 0.9. */
export const DEFAULT_OUTER: OuterConfig = { lr: OUTER_LR, momentum: OUTER_MOMENTUM }

/** The part of the replicated state the outer optimizer owns. */
export interface OuterState {
  readonly height: Height
  readonly weights: Float32Array
  readonly momentum: Float32Array
}

/** Applies one outer step to `weights` and `momentum` in place. */
export function nesterovStepInPlace(
  weights: Float32Array,
  momentum: Float32Array,
  g: Float32Array,
  config: OuterConfig = DEFAULT_OUTER,
): void {
  const d = weights.length
  if (momentum.length !== d || g.length !== d) {
    throw new OuterStepError(`lengths differ: θ ${d}, m ${momentum.length}, g ${g.length}`)
  }
  if (!(Number.isFinite(config.lr) && Number.isFinite(config.momentum))) {
    throw new OuterStepError('η and μ must be finite')
  }
  const f = Math.fround
  const lr = f(config.lr)
  const mu = f(config.momentum)
  for (let i = 0; i < d; i++) {
    const gi = g[i] ?? 0
    const m = f(f(mu * (momentum[i] ?? 0)) + gi)
    momentum[i] = m
    weights[i] = f((weights[i] ?? 0) - f(lr * f(gi + f(mu * m))))
  }
}

/** The state at the next height: a copy of `state` with one outer step applied. */
export function outerStep(
  state: OuterState,
  g: Float32Array,
  config: OuterConfig = DEFAULT_OUTER,
): OuterState {
  const weights = state.weights.slice()
  const momentum = state.momentum.slice()
  nesterovStepInPlace(weights, momentum, g, config)
  return { height: (state.height + 1) as Height, weights, momentum }
}

/** The state at genesis: θ_0 and zero momentum. */
export function initialOuterState(weights: Float32Array): OuterState {
  return {
    height: 0 as Height,
    weights: weights.slice(),
    momentum: new Float32Array(weights.length),
  }
}
