/**
 * AdamW: Adam with decoupled weight decay (Loshchilov and Hutter, arXiv 1711.05101), which tfjs
 * lacks.
 *
 * @remarks
 * Per step t, for each parameter p with gradient g (PyTorch's `AdamW` semantics):
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *   p ← p·(1 − lr·wd) − lr·m̂ / (√v̂ + ε),  m̂ = m / (1−β1^t), v̂ = v / (1−β2^t)
 * computed in Kingma and Ba's cheaper equivalent form
 *   p ← p·(1 − lr·wd) − α_t · m / (√v + ε̂),  α_t = lr·√(1−β2^t) / (1−β1^t),  ε̂ = ε·√(1−β2^t).
 * Decay applies to kernels only; biases are not decayed (common practice since Loshchilov and
 * Hutter; decaying biases only pulls them to zero). The moments persist across rounds, as each
 * DiLoCo worker keeps its inner optimizer state (arXiv 2311.08105, Algorithm 1); `reset` clears
 * them. This is local math on one node, not consensus-critical, so it may use tfjs and `pow`.
 */
import type { AdamWSpec } from '../../shared/job/index.ts'
import { tf } from '../tf.ts'

/** Optimizer state for a fixed list of variables. */
export class AdamW {
  private readonly spec: AdamWSpec
  private readonly decay: readonly boolean[]
  private readonly m: tf.Variable[]
  private readonly v: tf.Variable[]
  private readonly constants: {
    b1: tf.Scalar
    c1: tf.Scalar
    b2: tf.Scalar
    c2: tf.Scalar
    keep: tf.Scalar
  }
  private t = 0

  /** `decay[i]` says whether `variables[i]` gets weight decay. */
  constructor(spec: AdamWSpec, variables: readonly tf.Variable[], decay: readonly boolean[]) {
    this.spec = spec
    this.decay = decay
    // Inside tidy: the zero tensors are freed, the variables (which share their data) are kept.
    this.m = tf.tidy(() => variables.map((x) => tf.variable(tf.zerosLike(x), false)))
    this.v = tf.tidy(() => variables.map((x) => tf.variable(tf.zerosLike(x), false)))
    this.constants = tf.tidy(() => ({
      b1: tf.keep(tf.scalar(spec.beta1)),
      c1: tf.keep(tf.scalar(1 - spec.beta1)),
      b2: tf.keep(tf.scalar(spec.beta2)),
      c2: tf.keep(tf.scalar(1 - spec.beta2)),
      keep: tf.keep(tf.scalar(1 - spec.lr * spec.weightDecay)),
    }))
  }

  /** Steps taken since construction or the last `reset`. */
  get steps(): number {
    return this.t
  }

  /** Applies one step; call inside `tf.tidy` (it allocates temporaries). */
  apply(variables: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    this.t += 1
    const { lr, beta1, beta2, epsilon } = this.spec
    const bc1 = 1 - Math.pow(beta1, this.t)
    const bc2 = Math.sqrt(1 - Math.pow(beta2, this.t))
    const alpha = tf.scalar(-(lr * bc2) / bc1)
    const eps = tf.scalar(epsilon * bc2)
    const { b1, c1, b2, c2, keep } = this.constants
    variables.forEach((p, i) => {
      const g = grads[i] as tf.Tensor
      const m = tf.add(tf.mul(this.m[i] as tf.Tensor, b1), tf.mul(g, c1))
      const v = tf.add(tf.mul(this.v[i] as tf.Tensor, b2), tf.mul(tf.square(g), c2))
      const step = tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), alpha)
      const base = this.decay[i] === true ? tf.mul(p, keep) : p
      this.m[i]?.assign(m)
      this.v[i]?.assign(v)
      p.assign(tf.add(base, step))
    })
  }

  /** Zeroes the moments and the step count. */
  reset(): void {
    this.t = 0
    tf.tidy(() => {
      for (const s of [...this.m, ...this.v]) s.assign(tf.zerosLike(s))
    })
  }

  /** Frees the moments and constants. */
  dispose(): void {
    for (const s of [...this.m, ...this.v]) s.dispose()
    for (const c of Object.values(this.constants)) c.dispose()
  }
}
