/**
 * The genesis registrar: the first tab of a job that finds no chain asks the relay to record its
 * signed `join` as the founder. Every later tab reads the same founder and builds the same S_0.
 *
 * @remarks
 * Two tabs opening at the same moment must not found two chains, and tabs have no shared clock,
 * so one party has to pick: the relay, first come first served. That gives the relay no power
 * over integrity — the record is the founder's own ML-DSA signature, checked here and by every
 * tab — only over who founds, which the design already leaves to an untrusted relay (it can
 * delay or drop, never forge). Records persist in the data directory.
 *
 * Only the jobs the relay serves (`jobs.ts`) can be founded here: a claim for any other job id is
 * refused before its signature is checked and writes nothing, so the records on disk are at most
 * one per served job however many strangers post.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { coreCodec, openMessage } from '../shared/protocol/index.ts'
import { writeFileAtomic } from './files.ts'
import type { ServedJobs } from './jobs.ts'
import { asJobId, type JobId, type Result } from '../shared/types/index.ts'

/** Largest join accepted (a body, a public key and a signature). */
export const MAX_JOIN_BYTES = 16 * 1024

/** Why a claim was refused: the job is not served here, or the join is not valid. */
export type ClaimRefusal = { readonly code: 'unknown-job' | 'bad-join'; readonly detail: string }

/** Founder records per served job, on disk. */
export class GenesisRegistry {
  readonly #dir: string
  readonly #jobs: ServedJobs
  readonly #cache = new Map<string, Uint8Array>()
  #queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string, jobs: ServedJobs) {
    this.#dir = join(dataDir, 'genesis')
    this.#jobs = jobs
  }

  /** Whether `job` is one of the served jobs (the only ones that can have a founder here). */
  async serves(job: string): Promise<boolean> {
    return (await this.#jobs.get(job)) !== undefined
  }

  /** The founder's sealed join for `job`, if `job` is served and its founder recorded. */
  async get(job: string): Promise<Uint8Array | undefined> {
    const id = asJobId(job)
    if (!id.ok || !(await this.serves(id.value))) return undefined
    const cached = this.#cache.get(id.value)
    if (cached !== undefined) return cached
    try {
      const bytes = new Uint8Array(await readFile(join(this.#dir, `${id.value}.join`)))
      this.#cache.set(id.value, bytes)
      return bytes
    } catch {
      return undefined
    }
  }

  /**
   * Records `join` as the founder of `job` unless one is recorded; returns the founder's join
   * (this one or the earlier one), or why `join` was refused.
   */
  claim(
    job: string,
    bytes: Uint8Array,
  ): Promise<Result<{ join: Uint8Array; claimed: boolean }, ClaimRefusal>> {
    const run = this.#queue.then(() => this.#claim(job, bytes))
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #claim(
    job: string,
    bytes: Uint8Array,
  ): Promise<Result<{ join: Uint8Array; claimed: boolean }, ClaimRefusal>> {
    const id = asJobId(job)
    if (!id.ok) return { ok: false, reason: { code: 'unknown-job', detail: id.reason } }
    // Before any signature check: a stranger's job id costs a lookup, not a verification.
    if (!(await this.serves(id.value))) {
      return { ok: false, reason: { code: 'unknown-job', detail: 'not a job this relay serves' } }
    }
    const checked = checkJoin(id.value, bytes)
    if (!checked.ok) return { ok: false, reason: { code: 'bad-join', detail: checked.reason } }
    const existing = await this.get(id.value)
    if (existing !== undefined) return { ok: true, value: { join: existing, claimed: false } }
    await writeFileAtomic(join(this.#dir, `${id.value}.join`), bytes)
    this.#cache.set(id.value, bytes)
    return { ok: true, value: { join: bytes, claimed: true } }
  }
}

/** A founder record must be a join for `job`, signed by the key it carries. */
export function checkJoin(job: JobId, bytes: Uint8Array): Result<void> {
  if (bytes.length > MAX_JOIN_BYTES) return { ok: false, reason: 'join too large' }
  const opened = openMessage(bytes, { codec: coreCodec, job })
  if (!opened.ok) return { ok: false, reason: `${opened.reason.code}: ${opened.reason.detail}` }
  if (opened.value.message.type !== 'join') return { ok: false, reason: 'not a join' }
  return { ok: true, value: undefined }
}
