/**
 * What waits for a block besides this height's updates: joins, leaves, evidence and transfers.
 * Items are checked when they arrive and again when a block is drafted (one that no longer
 * qualifies is dropped for good), and those a certified block carried are forgotten.
 */
import { decodeEvidence, encodeEvidence, verifyEvidence } from '../consensus/index.ts'
import { sha256Hex } from '../crypto/index.ts'
import { openTransfer, transferCodec } from '../ledger/index.ts'
import { coreCodec, decodeEnvelope } from '../protocol/index.ts'
import type { Height, NodeId, Result } from '../types/index.ts'
import type { Block } from './block.ts'
import type { ChainParams, DilocoState } from './types.ts'
import { isMember } from './members.ts'
import { keysOf, openJoin, openLeave } from './verify.ts'

/** The pending items a draft block may carry, each list within the job's limit. */
export interface PendingItems {
  readonly joins: Uint8Array[]
  readonly leaves: Uint8Array[]
  readonly evidence: Uint8Array[]
  readonly transfers: Uint8Array[]
}

const byKey = ([a]: [NodeId, unknown], [b]: [NodeId, unknown]) => (a < b ? -1 : 1)

/** Joins, leaves, evidence and transfers waiting for a block. */
export class Mempool {
  readonly #p: ChainParams
  readonly #joins = new Map<NodeId, Uint8Array>()
  readonly #leaves = new Map<NodeId, Uint8Array>()
  readonly #evidence = new Map<string, Uint8Array>()
  readonly #transfers = new Map<string, Uint8Array>()

  constructor(params: ChainParams) {
    this.#p = params
  }

  /** Queues a transfer or leave this node sealed itself (see `DilocoApp.submit`). */
  submit(bytes: Uint8Array, s?: DilocoState): Result<void> {
    const env = decodeEnvelope(bytes)
    if (!env.ok) return { ok: false, reason: 'not an envelope' }
    const core = coreCodec.decode(env.value.body)
    if (core.ok && core.value.type === 'leave' && s !== undefined) {
      const l = openLeave(bytes, s)
      if (!l.ok) return l
      this.#leaves.set(l.value, bytes)
      return { ok: true, value: undefined }
    }
    if (!transferCodec.decode(env.value.body).ok)
      return { ok: false, reason: 'only transfers and leaves can be submitted' }
    if (this.#transfers.size >= 4 * this.#p.maxTransfers)
      return { ok: false, reason: 'too many transfers are waiting; try again after a block' }
    this.#transfers.set(sha256Hex(bytes), bytes)
    return { ok: true, value: undefined }
  }

  /** How many transfers from `node` wait here. */
  pendingTransfersFrom(node: NodeId): number {
    let n = 0
    for (const bytes of this.#transfers.values()) {
      const env = decodeEnvelope(bytes)
      const t = env.ok ? transferCodec.decode(env.value.body) : undefined
      if (t?.ok === true && t.value.node === node) n++
    }
    return n
  }

  /** A join from the gossip topic; the reason when it does not open. */
  addJoin(bytes: Uint8Array, s: DilocoState): string | undefined {
    const j = openJoin(bytes, s.job)
    if (!j.ok) return j.reason
    if (!isMember(s, j.value.message.node)) this.#joins.set(j.value.message.node, bytes)
    return undefined
  }

  /** A leave from the gossip topic; the reason when it does not open. */
  addLeave(bytes: Uint8Array, s: DilocoState): string | undefined {
    const l = openLeave(bytes, s)
    if (!l.ok) return `leave: ${l.reason}`
    this.#leaves.set(l.value, bytes)
    return undefined
  }

  /** A transfer from the gossip topic (checked when a block is drafted). */
  addTransfer(bytes: Uint8Array): void {
    if (this.#transfers.size < 4 * this.#p.maxTransfers)
      this.#transfers.set(sha256Hex(bytes), bytes)
  }

  /** Two conflicting signed messages of one member, kept while the chain has keys to check them. */
  addEvidence(s: DilocoState, first: Uint8Array, second: Uint8Array): void {
    const bytes = encodeEvidence(first, second)
    if (keysOf(s).size > 0 && this.#evidence.size < this.#p.maxEvidence * 4)
      this.#evidence.set(sha256Hex(bytes), bytes)
  }

  /**
   * The items a block of height `h` on `s` may carry. Each is checked on its own; one that no
   * longer qualifies (stale evidence, a transfer from a sender whose key we no longer hold, a
   * leave of a node that already left or rejoined since) is dropped for good, so it can never keep
   * the others out of blocks.
   */
  pick(s: DilocoState, h: Height, keys: ReadonlyMap<NodeId, Uint8Array>): PendingItems {
    const joins = [...this.#joins]
      .filter(([node]) => !isMember(s, node))
      .sort(byKey)
      .slice(0, this.#p.maxJoins)
    const evidence: Uint8Array[] = []
    for (const [key, bytes] of this.#evidence) {
      const pair = decodeEvidence(bytes)
      const e = pair.ok ? verifyEvidence(pair.value[0], pair.value[1], s.job, keys) : undefined
      if (e?.ok !== true || e.value.height + 2 < h || !isMember(s, e.value.node)) {
        this.#evidence.delete(key)
      } else if (evidence.length < this.#p.maxEvidence) evidence.push(bytes)
    }
    const transfers: Uint8Array[] = []
    for (const [key, bytes] of this.#transfers) {
      if (!openTransfer(bytes, { job: s.job, keys: (n) => keys.get(n) }).ok)
        this.#transfers.delete(key)
      else if (transfers.length < this.#p.maxTransfers) transfers.push(bytes)
    }
    const leaves: Uint8Array[] = []
    for (const [node, bytes] of [...this.#leaves].sort(byKey)) {
      if (openLeave(bytes, s).ok) leaves.push(bytes)
      else this.#leaves.delete(node)
    }
    return {
      joins: joins.filter(([node]) => !s.banned.has(node)).map(([, b]) => b),
      leaves,
      evidence,
      transfers,
    }
  }

  /** Forgets what block `b` (applied on `s`, giving `next`) carried or made moot. */
  applied(b: Block, s: DilocoState, next: DilocoState): void {
    for (const j of b.joins) {
      const opened = openJoin(j, s.job)
      if (opened.ok) this.#joins.delete(opened.value.message.node)
    }
    for (const t of b.transfers) this.#transfers.delete(sha256Hex(t))
    for (const e of b.evidence) this.#evidence.delete(sha256Hex(e))
    for (const [node] of this.#joins) if (isMember(next, node)) this.#joins.delete(node)
    for (const [node] of this.#leaves) if (!isMember(next, node)) this.#leaves.delete(node)
  }
}
