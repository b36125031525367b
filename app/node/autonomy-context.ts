/** What the autonomy loop needs from a started node (see DESIGN.md, "Autonomy"). */
import type { BackendChoice } from '../../shared/autonomy/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import type { CompressionSpec, JobId, JobManifest } from '../../shared/job/index.ts'
import type { Storage } from '../../shared/storage/index.ts'

/** The node's identity, storage and job, as the autonomy loop reads them. */
export interface AutonomyContext {
  readonly identity: Identity
  /** The node's IndexedDB store (the audit log lives next to its chain state). */
  readonly storage: Storage
  readonly jobId: JobId
  /** The job's H: the loop never sets more. */
  readonly jobInnerSteps: number
  /** The job's update codec, fixed for every member. */
  readonly compression: CompressionSpec
  /** The backend the URL forced, or `auto`. */
  readonly backend: BackendChoice
}

/** The context of a node of `job` (`id`) with this identity and storage. */
export function autonomyContextOf(
  job: JobManifest,
  jobId: JobId,
  identity: Identity,
  storage: Storage,
  backend: BackendChoice,
): AutonomyContext {
  const { innerSteps: jobInnerSteps } = job.training
  return { identity, storage, jobId, jobInnerSteps, compression: job.compression, backend }
}
