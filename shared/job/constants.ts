/** Schema version of job manifests this code reads. */
export const JOB_MANIFEST_VERSION = 1

/** Domain separator of the shard-choice hash (see `shard.ts`). */
export const SHARD_HASH_DOMAIN = 'swarm-shard/v1'

/** Magic bytes opening a decoded dataset file: ASCII `SWDS`. */
export const DATASET_MAGIC = [0x53, 0x57, 0x44, 0x53] as const

/** Version byte of the dataset format. */
export const DATASET_FORMAT_VERSION = 1

/** Bytes of the dataset header (see `dataset-format.ts`). */
export const DATASET_HEADER_BYTES = 16

/** Upper bounds that keep a hostile manifest from asking for absurd resources. */
export const LIMITS = {
  layers: 64,
  units: 65_536,
  filters: 4_096,
  kernelSize: 15,
  poolSize: 16,
  inputSide: 4_096,
  channels: 64,
  classes: 1_000,
  examples: 10_000_000,
  shards: 65_536,
  innerSteps: 100_000,
  roundBudgetMs: 3_600_000,
  batchSize: 4_096,
  chunkSize: 16_777_216,
} as const
