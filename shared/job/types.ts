/**
 * The job manifest: the genesis of a training run (see DESIGN.md, "Jobs").
 *
 * @remarks
 * Every field is consensus-relevant: the job id is the hash of the canonical manifest, so two
 * nodes on the same id agree on the model, data, schedule and rules. Token amounts are decimal
 * strings of integer micro-rUv because JSON has no bigint.
 */
import type { ModelSpec } from '../model/index.ts'
import type { Brand } from '../types/index.ts'

/** One file of a dataset as shipped under `public/`. */
export interface DatasetFile {
  /** Path relative to the app's base URL, e.g. `data/mnist-train.bin.gz`. */
  readonly path: string
  /** Number of examples in the file. */
  readonly count: number
  /** Lowercase hex SHA-256 of the decoded (decompressed) file, header included. */
  readonly sha256: string
}

/**
 * How a node picks its shard of the training set at a height.
 *
 * @remarks
 * `sha256-node-height`: the training indices are permuted once by a xoshiro128** Fisher–Yates
 * shuffle seeded with the job seed and cut into `shards` contiguous, equal (±1) parts. At height
 * h, node n trains on part `u32be(SHA-256("swarm-shard/v1|" + seed + "|" + n + "|" + h)[0..4]) mod
 * shards`, in an order shuffled by a generator seeded with bytes 4..8 of the same digest, wrapping
 * around when a round needs more examples than the shard holds. See `shard.ts`.
 */
export interface ShardingRule {
  readonly rule: 'sha256-node-height'
  readonly shards: number
}

/** The dataset a job trains on. */
export interface DatasetSpec {
  readonly name: string
  /** `swarm-dataset-v1`, gzip-compressed: see `dataset-format.ts`. */
  readonly format: 'swarm-dataset-v1+gzip'
  readonly classes: number
  readonly train: DatasetFile
  readonly test: DatasetFile
  readonly sharding: ShardingRule
}

/** AdamW with decoupled weight decay (Loshchilov and Hutter, arXiv 1711.05101). */
export interface AdamWSpec {
  readonly name: 'adamw'
  readonly lr: number
  readonly beta1: number
  readonly beta2: number
  readonly epsilon: number
  /** Decay applied to kernels only (biases are not decayed). */
  readonly weightDecay: number
}

/** The inner loop each node runs per height. */
export interface TrainingSpec {
  /** H: the most inner steps per round. */
  readonly innerSteps: number
  /** Wall-clock budget of the inner loop per round, in ms. */
  readonly roundBudgetMs: number
  readonly batchSize: number
  readonly optimizer: AdamWSpec
}

/** The outer optimizer: Nesterov momentum over the aggregated pseudo-gradient (DiLoCo). */
export interface OuterSpec {
  readonly name: 'nesterov'
  readonly lr: number
  readonly momentum: number
}

/** The robust aggregation rule and its parameters (see DESIGN.md, "Aggregation rules"). */
export type AggregationSpec =
  | { readonly rule: 'mean' }
  | { readonly rule: 'median' }
  | { readonly rule: 'trimmed-mean'; readonly beta: number }
  | { readonly rule: 'multi-krum'; readonly f: number; readonly m: number }
  | {
      readonly rule: 'centered-clip'
      /** Clipping radius, or `auto` (the median distance to the centre, re-measured each iteration). */
      readonly tau: number | 'auto'
      readonly iterations: number
      /** Bucket size for bucketing (Karimireddy et al., ICLR'22); 1 means none. */
      readonly bucketSize: number
    }

/** How updates are compressed on the wire. */
export type CompressionSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'int8'; readonly chunkSize: number }
  | { readonly kind: 'topk-int8'; readonly chunkSize: number; readonly density: number }

/** Ledger parameters (see DESIGN.md, "Ledger"); amounts in integer micro-rUv as decimal strings. */
export interface RewardSpec {
  /** Minted to an included update of quality 1 with at least `targetSamples` samples. */
  readonly updateReward: string
  readonly targetSamples: number
  readonly proposerReward: string
  readonly voterReward: string
  /** Share of the balance burned on proven equivocation, in basis points (0..10000). */
  readonly slashBps: number
  /** Heights an equivocator stays evicted. */
  readonly evictionHeights: number
  /** Heights without an update or a vote after which a member is evicted. */
  readonly silentHeightsBeforeEviction: number
}

/** A validated job manifest. */
export interface JobManifest {
  /** Manifest schema version (`JOB_MANIFEST_VERSION`). */
  readonly version: number
  readonly name: string
  readonly description: string
  /** Seed of θ_0 and of the shard permutation: an unsigned 32-bit integer. */
  readonly seed: number
  readonly model: ModelSpec
  readonly dataset: DatasetSpec
  readonly training: TrainingSpec
  readonly outer: OuterSpec
  readonly aggregation: AggregationSpec
  readonly compression: CompressionSpec
  readonly rewards: RewardSpec
  /** Lets test harnesses ask a trainer for attacks (label flipping); false in real jobs. */
  readonly allowTestAttacks: boolean
}

/** A job id: lowercase hex SHA-256 of the canonical manifest. */
export type JobId = Brand<string, 'JobId'>
