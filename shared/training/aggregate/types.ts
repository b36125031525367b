/** Types of the aggregation rules: inputs, rules, options and results. */
import type { NodeId } from '../../types/index.ts'

/** One member's decoded update. */
export interface AggregateInput {
  readonly node: NodeId
  /** Training samples behind it; only the mean weighs by it. */
  readonly samples: number
  readonly vector: Float32Array
}

/** A robust (or plain) aggregation rule, keyed on `type`. */
export type AggregationRule =
  /** Sample-weighted mean: Σ samples_i x_i / Σ samples_i. Not robust. */
  | { readonly type: 'mean' }
  /** Coordinate-wise median (the mean of the two middle values for even n). */
  | { readonly type: 'median' }
  /** Coordinate-wise mean after dropping ⌊βn⌋ lowest and highest values; 0 ≤ β < 1/2. */
  | { readonly type: 'trimmed-mean'; readonly beta: number }
  /** Mean of the m inputs with the lowest Krum scores; needs n > 2f + 2. m defaults to n − f. */
  | { readonly type: 'multi-krum'; readonly f: number; readonly m?: number }
  /**
   * CenteredClip: `iterations` clipped-mean steps from the previous aggregate, with radius `tau`
   * (absolute, or `auto`: the median distance to the current centre), over buckets of
   * `bucketSize` shuffled inputs (1 = no bucketing).
   */
  | {
      readonly type: 'centered-clip'
      readonly tau: number | 'auto'
      readonly iterations: number
      readonly bucketSize?: number
    }

/** Context a rule may use. */
export interface AggregateOptions {
  /** The previous height's aggregate: CenteredClip starts from it. */
  readonly previous?: Float32Array
  /** Seed of the bucketing shuffle (e.g. the previous block hash); needed when buckets > 1. */
  readonly seed?: Uint8Array
}

/** How much of an input the rule kept, in [0, 1]; the ledger scales rewards by it. */
export interface InputQuality {
  readonly node: NodeId
  readonly quality: number
}

/** The aggregate and each input's quality, in ascending node-id order. */
export interface AggregateResult {
  readonly vector: Float32Array
  readonly quality: readonly InputQuality[]
}

/** What a rule kernel returns, aligned with its (sorted) inputs. */
export interface KernelResult {
  readonly vector: Float32Array
  readonly quality: readonly number[]
}
