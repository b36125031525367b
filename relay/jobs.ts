/**
 * The jobs a relay serves: the valid manifests in the served app's `jobs/` folder, by job id.
 *
 * @remarks
 * The relay records genesis and archives checkpoints only for these jobs, so what it keeps on
 * disk is bounded by the jobs it serves, not by the job ids strangers make up. The folder is
 * read on first use and kept once it holds a job (a relay started before the build finds the
 * jobs when they appear).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { jobId, validateJob, type JobManifest } from '../shared/job/index.ts'
import type { JobId } from '../shared/types/index.ts'

/** A served job: its manifest and id. */
export interface ServedJob {
  readonly manifest: JobManifest
  readonly id: JobId
}

/** The job manifests under `<staticDir>/jobs` (and an extra folder, if given), loaded once. */
export class ServedJobs {
  readonly #dirs: readonly string[]
  #jobs: Promise<readonly ServedJob[]> | undefined

  constructor(staticDir: string, extraDir?: string) {
    this.#dirs = [join(staticDir, 'jobs'), ...(extraDir === undefined ? [] : [extraDir])]
  }

  /** Every served job; a manifest that does not parse or validate is skipped. */
  async list(): Promise<readonly ServedJob[]> {
    const jobs = await (this.#jobs ??= this.#load())
    if (jobs.length === 0) this.#jobs = undefined
    return jobs
  }

  /** The served job with id `id`, if any. */
  async get(id: string): Promise<ServedJob | undefined> {
    return (await this.list()).find((j) => j.id === id)
  }

  async #load(): Promise<readonly ServedJob[]> {
    const jobs: ServedJob[] = []
    for (const dir of this.#dirs) {
      for (const file of (await readdir(dir).catch(() => [] as string[])).sort()) {
        if (!file.endsWith('.json')) continue
        let raw: unknown
        try {
          raw = JSON.parse(await readFile(join(dir, file), 'utf8'))
        } catch {
          continue
        }
        const parsed = validateJob(raw)
        const id = parsed.ok ? jobId(parsed.value) : undefined
        if (parsed.ok && id !== undefined && !jobs.some((j) => j.id === id))
          jobs.push({ manifest: parsed.value, id })
      }
    }
    return jobs
  }
}
