/**
 * Jobs: the manifest type, its validation, its id, the dataset format and the shard rule.
 *
 * @remarks
 * A job manifest (`public/jobs/*.json`) is the genesis of a run. `parseJob` validates an untrusted
 * one and reports every issue with its path; `jobId` hashes its canonical form (RFC 8785) with
 * SHA-256. `chooseShard` and friends say which training examples a node uses at each height.
 */
export type {
  AdamWSpec,
  AggregationSpec,
  CompressionSpec,
  DatasetFile,
  DatasetSpec,
  JobId,
  JobManifest,
  OuterSpec,
  RewardSpec,
  ShardingRule,
  TrainingSpec,
} from './types.ts'
export type { DatasetHeader, DecodedDataset } from './dataset-format.ts'
export type { ShardChoice } from './shard.ts'
export { validateJob, parseJob } from './validate.ts'
export { canonicalJson } from './canonical.ts'
export { jobId } from './id.ts'
export { chooseShard, shardBounds, shardOrder, trainPermutation } from './shard.ts'
export { datasetByteLength, decodeDataset, encodeDatasetHeader } from './dataset-format.ts'
export { InvalidJobError } from './errors.ts'
export { JOB_MANIFEST_VERSION, LIMITS } from './constants.ts'
