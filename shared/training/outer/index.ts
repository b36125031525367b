/**
 * The DiLoCo outer optimizer (SGD with Nesterov momentum, η = 0.7, μ = 0.9 by default) over flat
 * float32 vectors, and the hash of the outer state (height, weights, momentum).
 */
export { OUTER_LR, OUTER_MOMENTUM, OUTER_STATE_DOMAIN } from './constants.ts'
export type { OuterConfig, OuterState } from './nesterov.ts'
export { DEFAULT_OUTER, initialOuterState, nesterovStepInPlace, outerStep } from './nesterov.ts'
export { encodeOuterState, outerStateHash, outerStateHashSync } from './state-hash.ts'
