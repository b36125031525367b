/**
 * Aggregation rules over flat `Float32Array` updates: sample-weighted mean, coordinate-wise median,
 * trimmed mean (β), Multi-Krum (f, m), and CenteredClip (τ, L, seeded from the previous aggregate)
 * with optional bucketing. The default is CenteredClip (DESIGN.md, "Aggregation rules").
 *
 * @remarks
 * Consensus-critical: every node must compute the same bits. Inputs are sorted by node id; every
 * loop runs in a fixed order; the arithmetic is + − × ÷ and √ on IEEE 754 doubles (which
 * JavaScript defines exactly, with no fused or extended-precision operations), rounded to float32
 * at fixed points (each output value; bucket means). Doubles rather than `Math.fround` after every
 * operation: just as deterministic, more accurate, and faster in V8. No `Math.exp`/`log`/`pow`, no
 * unordered iteration.
 *
 * Each rule also returns a quality in [0, 1] per input, documented with the rule, that the ledger
 * uses to scale rewards: mean 1; median and trimmed mean the share of coordinates kept; Multi-Krum
 * 1 if selected, else 0; CenteredClip the final clipping weight (of the input's bucket).
 */
export type {
  AggregateInput,
  AggregateOptions,
  AggregateResult,
  AggregationRule,
  InputQuality,
} from './types.ts'
export { aggregate } from './aggregate.ts'
export { BLOCK, CENTERED_CLIP_ITERATIONS, DEFAULT_RULE, MAX_CLIP_ITERATIONS } from './constants.ts'
export { seededPermutation } from './shuffle.ts'
export { pairwiseSquaredDistances } from './krum.ts'
