import { describe, expect, it } from 'vitest'
import {
  alieZ,
  craftAttack,
  honestMoments,
  inverseNormalCdf,
} from '../../../shared/training/attacks/index.ts'

const honest = [Float32Array.of(1, 2, 3), Float32Array.of(3, 2, 1), Float32Array.of(2, 2, 2)]

describe('attack generators', () => {
  it('compute Φ⁻¹ and the ALIE z of Baruch et al.', () => {
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5)
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 5)
    expect(inverseNormalCdf(0.5)).toBe(0)
    // n = 16, f = 4: s = 5, z = Φ⁻¹(11/16).
    expect(alieZ(16, 4)).toBeCloseTo(0.4888, 3)
  })

  it('flip, scale and shrink the honest mean', () => {
    expect([...(craftAttack({ type: 'sign-flip' }, honest, 1)[0] ?? [])]).toEqual([-2, -2, -2])
    expect([...(craftAttack({ type: 'scaling', factor: 10 }, honest, 1)[0] ?? [])]).toEqual([
      20, 20, 20,
    ])
    const ipm = craftAttack({ type: 'ipm', epsilon: 0.5 }, honest, 2)
    expect(ipm.length).toBe(2)
    expect([...(ipm[1] ?? [])]).toEqual([-1, -1, -1])
  })

  it('place ALIE z standard deviations below the mean in every coordinate', () => {
    const { mean, std } = honestMoments(honest)
    const [v] = craftAttack({ type: 'alie', z: 1.5 }, honest, 1)
    for (let j = 0; j < 3; j++) {
      expect(v?.[j]).toBeCloseTo((mean[j] ?? 0) - 1.5 * (std[j] ?? 0), 5)
    }
  })

  it('draw Gaussian noise of the asked spread and garbage within its bounds, fixed by the seed', () => {
    const big = [new Float32Array(50_000)]
    const [noise] = craftAttack({ type: 'gaussian', sigma: 3 }, big, 1, 42)
    const variance = (noise ?? new Float32Array()).reduce((a, v) => a + v * v, 0) / 50_000
    expect(Math.sqrt(variance)).toBeCloseTo(3, 1)
    const garbage = craftAttack({ type: 'garbage', magnitude: 7 }, big, 2, 42)
    expect(garbage.every((g) => g.every((v) => Math.abs(v) <= 7))).toBe(true)
    expect(craftAttack({ type: 'garbage', magnitude: 7 }, big, 2, 42)).toEqual(garbage)
    expect(garbage[0]).not.toEqual(garbage[1])
  })
})
