/**
 * The model as `shared/` sees it: a spec, a flat weight layout, and deterministic initial weights.
 *
 * @remarks
 * Pure TypeScript with no tfjs: aggregation, the outer optimizer and checkpoints work on the flat
 * `Float32Array` this module lays out, and every node builds the same θ_0 from the job's seed.
 * The trainer in `workers/` is the only code that turns the flat vector back into tensors.
 */
export type {
  Activation,
  Conv2dLayer,
  DenseLayer,
  FlattenLayer,
  LayerSpec,
  MaxPool2dLayer,
  ModelSpec,
} from './spec.ts'
export type { TensorSlot, WeightLayout } from './layout.ts'
export type { Issue } from './issues.ts'
export type { Prng } from './prng.ts'
export { planModel, weightLayout } from './layout.ts'
export { formatIssues } from './issues.ts'
export { createPrng, shuffleInPlace } from './prng.ts'
export { glorotLimit, initialWeights } from './init.ts'
export { checkWeights, firstNonFinite } from './weights.ts'
export { MAX_PARAMS, WEIGHT_LAYOUT_VERSION } from './constants.ts'
