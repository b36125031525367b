/**
 * Byzantine update generators. Each sees every honest update (an omniscient, colluding attacker,
 * the strongest model in the literature) and returns `count` malicious vectors.
 */
import { alieZ } from './alie.ts'
import { gaussianVector, randomSource } from './random.ts'

/** An attack, keyed on `type`. */
export type AttackSpec =
  /** −scale × the honest mean. */
  | { readonly type: 'sign-flip'; readonly scale?: number }
  /** factor × the honest mean (a boosted update). */
  | { readonly type: 'scaling'; readonly factor: number }
  /** Independent N(0, σ²) noise, unrelated to the honest updates. */
  | { readonly type: 'gaussian'; readonly sigma: number }
  /** μ − zσ per coordinate (Baruch et al. 2019); z defaults to `alieZ(n, f)`. */
  | { readonly type: 'alie'; readonly z?: number }
  /** −ε × the honest mean (Xie, Koyejo, Gupta, "Fall of Empires", UAI 2019). */
  | { readonly type: 'ipm'; readonly epsilon: number }
  /** Uniform values in [−magnitude, magnitude]. */
  | { readonly type: 'garbage'; readonly magnitude: number }

/** The coordinate-wise mean and (population) standard deviation of the honest updates. */
export function honestMoments(honest: readonly Float32Array[]): {
  mean: Float64Array
  std: Float64Array
} {
  const d = honest[0]?.length ?? 0
  const n = honest.length
  const mean = new Float64Array(d)
  const std = new Float64Array(d)
  for (const x of honest) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (x[j] ?? 0) / n
  for (const x of honest) {
    for (let j = 0; j < d; j++) {
      const diff = (x[j] ?? 0) - (mean[j] ?? 0)
      std[j] = (std[j] ?? 0) + (diff * diff) / n
    }
  }
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] ?? 0)
  return { mean, std }
}

/** `count` Byzantine vectors for `attack`, given the honest updates (deterministic in `seed`). */
export function craftAttack(
  attack: AttackSpec,
  honest: readonly Float32Array[],
  count: number,
  seed = 1,
): Float32Array[] {
  const d = honest[0]?.length ?? 0
  const prng = randomSource(seed)
  const scaledMean = (factor: number) => {
    const { mean } = honestMoments(honest)
    return Float32Array.from(mean, (m) => factor * m)
  }
  const same = (v: Float32Array) => Array.from({ length: count }, () => v.slice())
  switch (attack.type) {
    case 'sign-flip':
      return same(scaledMean(-(attack.scale ?? 1)))
    case 'scaling':
      return same(scaledMean(attack.factor))
    case 'ipm':
      return same(scaledMean(-attack.epsilon))
    case 'alie': {
      const { mean, std } = honestMoments(honest)
      const z = attack.z ?? alieZ(honest.length + count, count)
      return same(Float32Array.from(mean, (m, j) => m - z * (std[j] ?? 0)))
    }
    case 'gaussian':
      return Array.from({ length: count }, () => gaussianVector(d, attack.sigma, prng))
    case 'garbage':
      return Array.from({ length: count }, () =>
        Float32Array.from({ length: d }, () => (2 * prng.nextFloat() - 1) * attack.magnitude),
      )
  }
}
