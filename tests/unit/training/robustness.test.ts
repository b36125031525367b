/**
 * Robustness on synthetic updates: d = 100,000, n = 16 with f = 4 Byzantine (25%). Honest updates
 * are x_h = μ + 0.3·z_h (μ, z_h standard normal), so each lies at distance R ≈ 0.3·√d from their
 * mean (the "honest spread"); the previous aggregate is μ plus N(0, 0.5²) drift. Distances are
 * stated in units of R, measured from the mean of the honest updates.
 *
 * Bounds, from the geometry of this setting (four attackers on one side, 12 honest):
 * - median ≤ 0.6 R: the median then sits at the ~2/3 quantile of the honest values,
 *   Φ⁻¹(2/3) ≈ 0.43 standard deviations per coordinate, plus its own noise;
 * - trimmed mean (β = 1/4) ≤ 0.65 R: the mean of the top 8 of 12 honest values,
 *   E[z | z > −0.43] ≈ 0.55 standard deviations;
 * - Multi-Krum ≤ 0.3 R: it should select honest inputs only; the mean of 12 honest is 0 R away;
 * - CenteredClip ≤ 0.5 R: at its fixed point f attackers pull by about (f/n_h)/√(1 − (f/n_h)²) R
 *   ≈ 0.35 R in high dimension, whatever τ ≤ R.
 * The plain mean must be pulled ≥ 1.5 R away by every attack that is not built to hide
 * (sign flip, scaling, Gaussian, IPM ε = 100, garbage) and ≥ 0.9 R by IPM ε = 0.1. ALIE is built to
 * hide: it moves the mean a little (≥ 0.1 R) and every robust rule must stay within its bound.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { AggregateInput, AggregationRule } from '../../../shared/training/aggregate/index.ts'
import { aggregate } from '../../../shared/training/aggregate/index.ts'
import type { AttackSpec } from '../../../shared/training/attacks/index.ts'
import {
  craftAttack,
  gaussianVector,
  randomSource,
} from '../../../shared/training/attacks/index.ts'
import type { NodeId } from '../../../shared/types/index.ts'

const D = 100_000
const HONEST = 12
const BYZANTINE = 4

const ROBUST: [string, AggregationRule, number, boolean][] = [
  ['median', { type: 'median' }, 0.6, true],
  ['trimmed mean', { type: 'trimmed-mean', beta: 0.25 }, 0.65, true],
  ['Multi-Krum', { type: 'multi-krum', f: BYZANTINE }, 0.3, true],
  ['CenteredClip', { type: 'centered-clip', tau: 'auto', iterations: 3 }, 0.5, true],
  ['CenteredClip, first height', { type: 'centered-clip', tau: 'auto', iterations: 3 }, 0.5, false],
]

const ATTACKS: [AttackSpec, number][] = [
  [{ type: 'sign-flip' }, 1.5],
  [{ type: 'scaling', factor: 100 }, 1.5],
  [{ type: 'gaussian', sigma: 100 }, 1.5],
  [{ type: 'ipm', epsilon: 100 }, 1.5],
  [{ type: 'garbage', magnitude: 1000 }, 1.5],
  [{ type: 'ipm', epsilon: 0.1 }, 0.9],
  [{ type: 'alie' }, 0.1],
]

const node = (i: number) => i.toString(16).padStart(64, '0') as NodeId

function distance(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2
  return Math.sqrt(s)
}

function setup() {
  const prng = randomSource(2024)
  const mu = gaussianVector(D, 1, prng)
  const honest = Array.from({ length: HONEST }, () => {
    const z = gaussianVector(D, 0.3, prng)
    return z.map((v, j) => v + (mu[j] ?? 0))
  })
  const honestMean = new Float32Array(D)
  for (const x of honest) x.forEach((v, j) => (honestMean[j] = (honestMean[j] ?? 0) + v / HONEST))
  const drift = gaussianVector(D, 0.5, prng)
  const previous = mu.map((v, j) => v + (drift[j] ?? 0))
  const spreads = honest.map((x) => distance(x, honestMean)).sort((a, b) => a - b)
  const spread = spreads[HONEST / 2] ?? 1
  return { honest, honestMean, previous, spread }
}

describe('robust aggregation under attack (d = 100,000, n = 16, f = 4)', () => {
  let world: ReturnType<typeof setup>
  beforeAll(() => {
    world = setup()
  })

  const inputsUnder = (attack: AttackSpec): AggregateInput[] =>
    [...world.honest, ...craftAttack(attack, world.honest, BYZANTINE, 99)].map((vector, i) => ({
      node: node(i),
      samples: 100,
      vector,
    }))

  const distanceOf = (rule: AggregationRule, inputs: AggregateInput[], withPrevious = true) => {
    const result = aggregate(rule, inputs, {
      previous: withPrevious ? world.previous : undefined,
    })
    if (!result.ok) throw new Error(result.reason)
    return { d: distance(result.value.vector, world.honestMean) / world.spread, result }
  }

  for (const [attack, meanPull] of ATTACKS) {
    const label = attack.type + ('epsilon' in attack ? ` ε=${attack.epsilon}` : '')
    it(`${label}: the mean is pulled ≥ ${meanPull} R; every robust rule stays within its bound`, () => {
      const inputs = inputsUnder(attack)
      expect(distanceOf({ type: 'mean' }, inputs).d).toBeGreaterThanOrEqual(meanPull)
      for (const [name, rule, bound, withPrevious] of ROBUST) {
        const { d } = distanceOf(rule, inputs, withPrevious)
        expect(d, name).toBeLessThanOrEqual(bound)
      }
    })
  }

  it('without attackers every robust rule stays within its bound of the honest mean', () => {
    const inputs = world.honest.map((vector, i) => ({ node: node(i), samples: 100, vector }))
    for (const [name, rule, bound, withPrevious] of ROBUST) {
      const r = rule.type === 'multi-krum' ? { ...rule, f: 3 } : rule
      expect(distanceOf(r, inputs, withPrevious).d, name).toBeLessThanOrEqual(bound)
    }
  })

  it('CenteredClip gives honest inputs quality near 1 and sign-flippers near 0', () => {
    const { result } = distanceOf(
      { type: 'centered-clip', tau: 'auto', iterations: 3 },
      inputsUnder({ type: 'sign-flip' }),
    )
    const q = result.value.quality.map((x) => x.quality)
    expect(Math.min(...q.slice(0, HONEST))).toBeGreaterThan(0.9)
    expect(Math.max(...q.slice(HONEST))).toBeLessThan(0.3)
  })

  it('Multi-Krum selects exactly the honest inputs under scaling', () => {
    const { result } = distanceOf(
      { type: 'multi-krum', f: 4 },
      inputsUnder({ type: 'scaling', factor: 100 }),
    )
    expect(result.value.quality.map((x) => x.quality)).toEqual([
      ...Array<number>(HONEST).fill(1),
      ...Array<number>(BYZANTINE).fill(0),
    ])
  })

  it('bucketing in pairs stays robust while f·s < n/2 (two attackers)', () => {
    const inputs = [...world.honest, ...craftAttack({ type: 'sign-flip' }, world.honest, 2, 5)].map(
      (vector, i) => ({ node: node(i), samples: 100, vector }),
    )
    const rule: AggregationRule = {
      type: 'centered-clip',
      tau: 'auto',
      iterations: 3,
      bucketSize: 2,
    }
    const result = aggregate(rule, inputs, { previous: world.previous, seed: new Uint8Array([3]) })
    if (!result.ok) throw new Error(result.reason)
    const mean = distanceOf({ type: 'mean' }, inputs).d
    expect(distance(result.value.vector, world.honestMean) / world.spread).toBeLessThan(0.5)
    expect(mean).toBeGreaterThan(0.9)
  })
})
