/** Defaults of the aggregation rules. */
import type { AggregationRule } from './types.ts'

/** CenteredClip iterations: L = 3, as in Karimireddy, He, Jaggi (arXiv 2012.10333, §5). */
export const CENTERED_CLIP_ITERATIONS = 3

/**
 * The default rule (DESIGN.md, "Aggregation rules"): CenteredClip with L = 3, an adaptive radius
 * (the median distance to the current centre), no bucketing.
 */
export const DEFAULT_RULE: AggregationRule = {
  type: 'centered-clip',
  tau: 'auto',
  iterations: CENTERED_CLIP_ITERATIONS,
  bucketSize: 1,
}

/** Most CenteredClip iterations a rule may ask for. */
export const MAX_CLIP_ITERATIONS = 100

/**
 * Coordinates processed together in the blocked kernels: 2048 float32 per input, so 16 inputs
 * take 128 KiB and stay in L2 cache while several passes run over the block. Part of the
 * arithmetic (the order of partial sums), so never change it without a protocol version.
 */
export const BLOCK = 2048
