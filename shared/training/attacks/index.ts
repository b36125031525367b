/**
 * Attack generators for tests and the simulator: sign flip, scaling, Gaussian noise, "a little is
 * enough" (ALIE), inner-product manipulation (IPM) and random garbage.
 *
 * @remarks
 * Test tools, not consensus code: they may use `Math.log`/`cos` (Box–Muller, Φ⁻¹). They are kept
 * out of `shared/training/index.ts` so the app never bundles them by accident. Results are
 * deterministic for a given seed on any engine with the same `Math.log`/`cos`.
 */
export type { AttackSpec } from './attacks.ts'
export { craftAttack, honestMoments } from './attacks.ts'
export { alieZ, inverseNormalCdf } from './alie.ts'
export type { Prng } from './random.ts'
export { gaussian, gaussianVector, randomSource } from './random.ts'
