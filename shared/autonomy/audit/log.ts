/**
 * The node's audit log: every decision of the autonomy loop (its facts, the rules that fired and
 * why, what was done) as an entry signed with the node's ML-DSA-65 key and hash-chained, kept in
 * a `Storage` with a bounded length; `verify` names the first bad entry.
 *
 * @remarks
 * Storage layout under `autonomy/audit/v1/<job>/`: `e/<seq, 16 digits>` holds each entry as
 * canonical JSON, `meta` holds the trim anchor. When the log grows past `maxEntries` the oldest
 * entries are dropped and the anchor becomes the seq and hash of the last dropped one, so the
 * remaining chain still verifies from a known point. The anchor is written before the drops,
 * and `open` removes any entry at or below it, so an interrupted trim heals on the next open.
 * Appends are serialized. A stored entry that cannot be read is kept as a problem that
 * `verify` reports until it ages out.
 */
import type { Identity } from '../../crypto/index.ts'
import {
  fromHex,
  nodeIdOf,
  signBytes,
  signingContext,
  toHex,
  verifyBytes,
} from '../../crypto/index.ts'
import { decodeUtf8, encodeUtf8 } from '../../protocol/index.ts'
import type { Storage, StorageOptions } from '../../storage/index.ts'
import type { Result } from '../../types/index.ts'
import {
  AUDIT_CONTEXT_KIND,
  AUDIT_FORMAT_VERSION,
  AUDIT_MAX_ENTRIES_RANGE,
  AUDIT_STORAGE_PREFIX,
  DEFAULT_AUDIT_MAX_ENTRIES,
  GENESIS_HASH,
  MAX_AUDIT_BODY_BYTES,
} from '../constants.ts'
import { AuditLogError } from '../errors.ts'
import {
  checkShape,
  decodeStored,
  encodeBody,
  encodeStored,
  ENTRY_KEYS,
  hashBody,
  normalizeRecord,
} from './encoding.ts'
import type {
  AuditAnchor,
  AuditBody,
  AuditEntry,
  AuditProblem,
  AuditRecord,
  AuditSummary,
} from './types.ts'

/** What the log needs: where to keep entries and the key that signs them. */
export interface AuditLogComponents {
  readonly storage: Storage
  readonly identity: Identity
}

/** Which log, and how long it may grow. */
export interface AuditLogInit {
  /** The job the node works on; names the storage keys and the signing context. */
  readonly job: string
  /** Most entries kept (default 256, at most 10,000). */
  readonly maxEntries?: number
}

type Item = { readonly seq: number } & (
  | { readonly entry: AuditEntry; readonly problem?: undefined }
  | { readonly entry?: undefined; readonly problem: string }
)

/** A signed, hash-chained, bounded log of the loop's decisions. */
export class AuditLog {
  readonly #storage: Storage
  readonly #identity: Identity
  readonly #job: string
  readonly #maxEntries: number
  readonly #context: Uint8Array
  readonly #base: string
  readonly #metaKey: string
  #items: Item[] = []
  #anchor: AuditAnchor | undefined
  #queue: Promise<unknown> = Promise.resolve()
  readonly #listeners = new Set<(entry: AuditEntry) => void>()

  private constructor(components: AuditLogComponents, init: AuditLogInit) {
    const max = init.maxEntries ?? DEFAULT_AUDIT_MAX_ENTRIES
    const { min, max: upper } = AUDIT_MAX_ENTRIES_RANGE
    if (!Number.isSafeInteger(max) || max < min || max > upper) {
      throw new AuditLogError(`maxEntries must be an integer in [${min}, ${upper}], got ${max}`)
    }
    this.#storage = components.storage
    this.#identity = components.identity
    this.#job = init.job
    this.#maxEntries = max
    this.#context = signingContext(init.job, AUDIT_CONTEXT_KIND)
    this.#base = `${AUDIT_STORAGE_PREFIX}${init.job}/`
    this.#metaKey = `${this.#base}meta`
  }

  /** Opens the log of `init.job`, loading what storage holds and finishing any interrupted trim. */
  static async open(
    components: AuditLogComponents,
    init: AuditLogInit,
    options?: StorageOptions,
  ): Promise<AuditLog> {
    const log = new AuditLog(components, init)
    await log.#load(options)
    return log
  }

  /** The readable entries, oldest first. */
  entries(): readonly AuditEntry[] {
    return this.#items.flatMap((item) => (item.entry === undefined ? [] : [item.entry]))
  }

  /** Where the kept entries start after trimming; undefined if nothing was ever dropped. */
  anchor(): AuditAnchor | undefined {
    return this.#anchor
  }

  /** Calls `listener` with each new entry; returns the unsubscribe function. */
  subscribe(listener: (entry: AuditEntry) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Signs `record` as the next entry, stores it, and trims the oldest beyond the bound. */
  append(record: AuditRecord, options?: StorageOptions): Promise<AuditEntry> {
    const run = this.#queue.then(() => this.#append(record, options))
    this.#queue = run.catch(() => undefined)
    return run
  }

  /** Verifies the kept entries against the node's own key; reports the first bad one. */
  verify(): Result<AuditSummary, AuditProblem> {
    const broken = this.#items.find((item) => item.problem !== undefined)
    const checked = verifyAuditEntries(this.entries(), {
      publicKey: this.#identity.publicKey,
      job: this.#job,
      ...(this.#anchor === undefined ? {} : { anchor: this.#anchor }),
    })
    if (broken?.problem !== undefined && (checked.ok || broken.seq <= checked.reason.seq)) {
      return { ok: false, reason: { seq: broken.seq, reason: `unreadable: ${broken.problem}` } }
    }
    return checked
  }

  async #append(record: AuditRecord, options?: StorageOptions): Promise<AuditEntry> {
    const last = this.#items[this.#items.length - 1]
    const seq =
      last !== undefined ? last.seq + 1 : this.#anchor !== undefined ? this.#anchor.seq + 1 : 0
    const prevHash =
      last !== undefined ? (last.entry?.hash ?? GENESIS_HASH) : (this.#anchor?.hash ?? GENESIS_HASH)
    const body: AuditBody = {
      v: AUDIT_FORMAT_VERSION,
      job: this.#job,
      node: this.#identity.nodeId,
      seq,
      prevHash,
      ...normalizeRecord(record),
    }
    const shape = checkShape(body)
    if (shape !== undefined) throw new AuditLogError(`cannot record this decision: ${shape}`)
    const bytes = encodeBody(body)
    if (bytes.length > MAX_AUDIT_BODY_BYTES) {
      throw new AuditLogError(`entry is ${bytes.length} bytes, at most ${MAX_AUDIT_BODY_BYTES}`)
    }
    const entry: AuditEntry = {
      ...body,
      hash: hashBody(bytes),
      signature: toHex(signBytes(this.#identity, bytes, this.#context)),
    }
    await this.#storage.put(this.#entryKey(seq), encodeStored(entry), options)
    this.#items.push({ seq, entry })
    await this.#trim(options)
    for (const listener of this.#listeners) {
      try {
        listener(entry)
      } catch {
        // A failing view must not make a stored, signed decision look unrecorded.
      }
    }
    return entry
  }

  async #trim(options?: StorageOptions): Promise<void> {
    const excess = this.#items.length - this.#maxEntries
    if (excess <= 0) return
    const dropped = this.#items.slice(0, excess)
    const lastDropped = dropped[dropped.length - 1]
    if (lastDropped === undefined) return
    this.#anchor = { seq: lastDropped.seq, hash: lastDropped.entry?.hash ?? GENESIS_HASH }
    const meta = encodeUtf8(JSON.stringify({ anchor: this.#anchor }))
    await this.#storage.put(this.#metaKey, meta, options)
    this.#items = this.#items.slice(excess)
    for (const item of dropped) await this.#storage.delete(this.#entryKey(item.seq), options)
  }

  async #load(options?: StorageOptions): Promise<void> {
    const meta = await this.#storage.get(this.#metaKey, options)
    this.#anchor = meta === undefined ? undefined : readAnchor(meta)
    const items: Item[] = []
    for (const key of await this.#storage.keys(`${this.#base}e/`, options)) {
      const seq = Number(key.slice(key.lastIndexOf('/') + 1))
      if (!Number.isSafeInteger(seq)) continue
      if (this.#anchor !== undefined && seq <= this.#anchor.seq) {
        await this.#storage.delete(key, options)
        continue
      }
      const bytes = await this.#storage.get(key, options)
      const decoded = bytes === undefined ? undefined : decodeStored(bytes)
      if (decoded === undefined) continue
      items.push(decoded.ok ? { seq, entry: decoded.value } : { seq, problem: decoded.reason })
    }
    this.#items = items.sort((a, b) => a.seq - b.seq)
    await this.#trim(options)
  }

  #entryKey(seq: number): string {
    return `${this.#base}e/${String(seq).padStart(16, '0')}`
  }
}

function readAnchor(bytes: Uint8Array): AuditAnchor | undefined {
  try {
    const meta = JSON.parse(decodeUtf8(bytes)) as { anchor?: { seq?: unknown; hash?: unknown } }
    const { seq, hash } = meta.anchor ?? {}
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && typeof hash === 'string') {
      return { seq, hash }
    }
  } catch {
    // An unreadable anchor is treated as none; `verify` then reports the chain's first entry.
  }
  return undefined
}

/** What a verifier needs besides the entries. */
export interface VerifyOptions {
  /** The node's ML-DSA-65 public key. */
  readonly publicKey: Uint8Array
  readonly job: string
  /** Where a trimmed log starts; absent for a log that starts at seq 0. */
  readonly anchor?: AuditAnchor
}

/** Checks `entries` (oldest first); the first problem found is returned as the reason. */
export function verifyAuditEntries(
  entries: readonly AuditEntry[],
  options: VerifyOptions,
): Result<AuditSummary, AuditProblem> {
  const context = signingContext(options.job, AUDIT_CONTEXT_KIND)
  const node = nodeIdOf(options.publicKey)
  let expectedSeq = options.anchor === undefined ? 0 : options.anchor.seq + 1
  let prevHash = options.anchor?.hash ?? GENESIS_HASH
  const problem = (entry: AuditEntry): string | undefined => {
    const shape = checkShape(entry, ENTRY_KEYS)
    if (shape !== undefined) return `malformed: ${shape}`
    if (entry.seq !== expectedSeq) return `seq ${entry.seq} where ${expectedSeq} was expected`
    if (entry.job !== options.job) return `entry is for job "${entry.job}"`
    if (entry.node !== node) return `entry names node ${entry.node.slice(0, 12)}…, not the key's`
    if (entry.prevHash !== prevHash) return 'prevHash does not match the previous entry'
    let bytes: Uint8Array
    try {
      bytes = encodeBody(entry)
    } catch (err) {
      return `cannot be encoded: ${err instanceof Error ? err.message : String(err)}`
    }
    if (hashBody(bytes) !== entry.hash) return 'hash does not match the entry’s contents'
    if (!verifyBytes(options.publicKey, bytes, fromHex(entry.signature), context)) {
      return 'signature does not verify'
    }
    return undefined
  }
  for (const entry of entries) {
    const reason = problem(entry)
    if (reason !== undefined) {
      const seq = Number.isSafeInteger(entry.seq) ? entry.seq : expectedSeq
      return { ok: false, reason: { seq, reason } }
    }
    expectedSeq = entry.seq + 1
    prevHash = entry.hash
  }
  return {
    ok: true,
    value: { count: entries.length, headSeq: expectedSeq - 1, headHash: prevHash },
  }
}
