/**
 * Runs the benchmark baseline (`workers/baseline.worker.ts`) in its own worker, kept between runs
 * so its dataset is loaded once.
 */
import { wrap } from 'comlink'
import type { Remote } from 'comlink'
import type { JobManifest } from '../../shared/job/index.ts'
import type { BackendName } from '../../shared/trainer/index.ts'
import type { BaselineApi } from '../../workers/baseline.worker.ts'

/** Step times of the plain tfjs loop. */
export interface BaselineResult {
  readonly backend: string
  /** Mean step time of each timed group, in ms. */
  readonly groupStepMs: number[]
  readonly steps: number
  readonly totalMs: number
}

let remote: Remote<BaselineApi> | undefined

/** Times `steps` plain training steps of the job's model on `backend`. */
export function runBaseline(
  job: JobManifest,
  backend: BackendName,
  steps: number,
): Promise<BaselineResult> {
  remote ??= wrap<BaselineApi>(
    new Worker(new URL('../../workers/baseline.worker.ts', import.meta.url), {
      type: 'module',
      name: 'baseline',
    }),
  )
  return remote.run(job, backend, steps, document.baseURI)
}
