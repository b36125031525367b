/**
 * Loading a job's train and test sets, with progress, checked against the manifest. Decoded
 * datasets are cached by hash, so re-initialising with another job on the same data is free.
 */
import type { DecodedDataset, JobManifest } from '../../shared/job/index.ts'
import type { InitProgress } from '../../shared/trainer/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import { DatasetError } from '../errors.ts'
import { throwIfAborted } from '../platform.ts'
import { checkDataset, gunzipIfNeeded } from './decode.ts'
import type { ByteLoader } from './fetch-bytes.ts'

/** The two splits of a job's dataset. */
export interface JobData {
  readonly train: DecodedDataset
  readonly test: DecodedDataset
}

/** Options of `loadJobData`. */
export interface LoadJobDataOptions {
  readonly loader: ByteLoader
  /** Base URL the manifest's relative paths resolve against. */
  readonly baseUrl: string
  readonly signal?: AbortSignalLike
  readonly onProgress?: (progress: InitProgress) => void
  /** Datasets already decoded, by SHA-256. */
  readonly cache: Map<string, DecodedDataset>
}

/** Loads, decompresses and verifies both splits of the job's dataset. */
export async function loadJobData(job: JobManifest, options: LoadJobDataOptions): Promise<JobData> {
  const train = await loadSplit(job, 'train', options)
  const test = await loadSplit(job, 'test', options)
  return { train, test }
}

async function loadSplit(
  job: JobManifest,
  split: 'train' | 'test',
  { loader, baseUrl, signal, onProgress, cache }: LoadJobDataOptions,
): Promise<DecodedDataset> {
  const file = job.dataset[split]
  const cached = cache.get(file.sha256)
  if (cached !== undefined) return cached
  let url: string
  try {
    url = new URL(file.path, baseUrl).href
  } catch {
    throw new DatasetError(
      `${file.path}: cannot be resolved against base URL ${JSON.stringify(baseUrl)}`,
    )
  }
  let fromCache = false
  const load = (reload: boolean) =>
    loader(url, {
      signal,
      reload,
      onSource: (source) => (fromCache = source === 'cache'),
      onProgress: (done, total) =>
        onProgress?.({ phase: 'download', item: file.path, done, total }),
    })
  const check = async (raw: Uint8Array) => {
    throwIfAborted(signal, 'init')
    onProgress?.({ phase: 'verify', item: file.path, done: 0, total: 1 })
    const bytes = await gunzipIfNeeded(raw, file.path)
    return checkDataset(bytes, { file, input: job.model.input, classes: job.dataset.classes })
  }
  let decoded: DecodedDataset
  try {
    decoded = await check(await load(false))
  } catch (err) {
    // A kept copy that fails its check is an older dataset at the same path: download it again.
    if (!fromCache || !(err instanceof DatasetError)) throw err
    decoded = await check(await load(true))
  }
  onProgress?.({ phase: 'verify', item: file.path, done: 1, total: 1 })
  cache.set(file.sha256, decoded)
  return decoded
}
