/** Test helpers for the trainer core in Node: files from `public/`, manifests, weights. */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { JobManifest } from '../../../shared/job/index.ts'
import { initialWeights } from '../../../shared/model/index.ts'
import type { BackendName } from '../../../shared/trainer/index.ts'
import type { ByteLoader } from '../../../workers/data/fetch-bytes.ts'
import { DatasetError } from '../../../workers/errors.ts'
import { TrainerCore } from '../../../workers/trainer-core.ts'
import type { Mutable } from '../job/fixtures.ts'
import { loadManifest } from '../job/fixtures.ts'

/** The app's `public/` folder as a file URL, the base of the manifests' relative paths. */
export const PUBLIC_URL = new URL('../../../public/', import.meta.url).href

/** Reads `file:` URLs from disk, the way `fetch` reads HTTP ones in the browser. */
export const fileLoader: ByteLoader = async (url) => {
  try {
    return new Uint8Array(await readFile(fileURLToPath(url)))
  } catch (err) {
    throw new DatasetError(
      `${url}: missing (${(err as NodeJS.ErrnoException).code ?? 'read error'})`,
    )
  }
}

/** A trainer core for Node on the given backends (wasm by default: fast and deterministic). */
export function createCore(
  backends: readonly BackendName[] = ['wasm'],
  loader = fileLoader,
): TrainerCore {
  return new TrainerCore({ loader, baseUrl: PUBLIC_URL, backends })
}

/** The MLP job, optionally changed for a test. */
export function mlpJob(change?: (job: Mutable<JobManifest>) => void): Mutable<JobManifest> {
  const job = loadManifest('mnist-mlp')
  change?.(job)
  return job
}

/** θ_0 of a job. */
export function theta0(job: JobManifest): Float32Array {
  return initialWeights(job.model, job.seed)
}

/** The node id used by tests. */
export const NODE = 'ab'.repeat(32)
