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
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { coreCodec, openMessage } from '../shared/protocol/index.ts'
import { writeFileAtomic } from './files.ts'
import { asJobId, type JobId, type Result } from '../shared/types/index.ts'

/** Largest join accepted (a body, a public key and a signature). */
export const MAX_JOIN_BYTES = 16 * 1024

/** Founder records per job, on disk. */
export class GenesisRegistry {
  readonly #dir: string
  readonly #cache = new Map<string, Uint8Array>()
  #queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'genesis')
  }

  /** The founder's sealed join for `job`, if recorded. */
  async get(job: string): Promise<Uint8Array | undefined> {
    const id = asJobId(job)
    if (!id.ok) return undefined
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
  claim(job: string, bytes: Uint8Array): Promise<Result<{ join: Uint8Array; claimed: boolean }>> {
    const run = this.#queue.then(() => this.#claim(job, bytes))
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #claim(
    job: string,
    bytes: Uint8Array,
  ): Promise<Result<{ join: Uint8Array; claimed: boolean }>> {
    const id = asJobId(job)
    if (!id.ok) return { ok: false, reason: `bad job id: ${id.reason}` }
    const checked = checkJoin(id.value, bytes)
    if (!checked.ok) return checked
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
