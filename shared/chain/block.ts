/**
 * Blocks of the DiLoCo chain and their canonical encoding. A block names everything that changes
 * S_{h−1} into S_h: the signed updates it includes (their payloads travel separately, fetched by
 * hash), signed joins and leaves, equivocation evidence, signed transfers, the previous height's certificate
 * (its voters earn a reward and count as seen) and the state hash the proposer computed.
 */
import { sha256Hex } from '../crypto/index.ts'
import { ByteReader, ByteWriter } from '../protocol/index.ts'
import type { HashHex, Height, NodeId, Result } from '../types/index.ts'

/** A block. */
export interface Block {
  readonly height: Height
  readonly prev: HashHex
  readonly proposer: NodeId
  /** State hash of S_{h−1}. */
  readonly base: HashHex
  /** Sealed `update` envelopes, one per node, sorted by node. */
  readonly updates: readonly Uint8Array[]
  /** Sealed `join` envelopes (signed with the joiner's key), sorted by node. */
  readonly joins: readonly Uint8Array[]
  /** Sealed `leave` envelopes (signed by the leaving member), sorted by node. */
  readonly leaves: readonly Uint8Array[]
  /** Encoded evidence pairs. */
  readonly evidence: readonly Uint8Array[]
  /** Sealed `transfer` envelopes, in the order they apply. */
  readonly transfers: readonly Uint8Array[]
  /** The encoded certificate of height h − 1 (empty at height 1). */
  readonly lastCommit: Uint8Array
  /** State hash of S_h as the proposer computed it. */
  readonly next: HashHex
}

const TAG = 'swarm/block/v1'
const MAX_ITEMS = 4_096
const MAX_ITEM_BYTES = 200 * 1024
const MAX_COMMIT_BYTES = 8 * 1024 * 1024
const HEX64 = /^[0-9a-f]{64}$/

function writeList(w: ByteWriter, items: readonly Uint8Array[]): void {
  w.varuint(items.length)
  for (const item of items) w.bytes(item)
}

function readList(r: ByteReader): Uint8Array[] {
  const n = r.varuint(MAX_ITEMS)
  const out: Uint8Array[] = []
  for (let i = 0; i < n; i++) out.push(r.bytes(MAX_ITEM_BYTES).slice())
  return out
}

/** Canonical bytes of a block. */
export function encodeBlock(b: Block): Uint8Array {
  const w = new ByteWriter(1024)
  w.text(TAG).varuint(b.height).text(b.prev).text(b.proposer).text(b.base)
  writeList(w, b.updates)
  writeList(w, b.joins)
  writeList(w, b.leaves)
  writeList(w, b.evidence)
  writeList(w, b.transfers)
  w.bytes(b.lastCommit).text(b.next)
  return w.finish()
}

/** A block from untrusted bytes (structure only; `validate.ts` checks the contents). */
export function decodeBlock(bytes: Uint8Array): Result<Block> {
  try {
    const r = new ByteReader(bytes)
    if (r.text(32) !== TAG) return { ok: false, reason: 'not a block' }
    const height = r.varuint() as Height
    const prev = r.text(64) as HashHex
    const proposer = r.text(64) as NodeId
    const base = r.text(64) as HashHex
    const updates = readList(r)
    const joins = readList(r)
    const leaves = readList(r)
    const evidence = readList(r)
    const transfers = readList(r)
    const lastCommit = r.bytes(MAX_COMMIT_BYTES).slice()
    const next = r.text(64) as HashHex
    r.end()
    for (const [name, v] of [
      ['prev', prev],
      ['proposer', proposer],
      ['base', base],
      ['next', next],
    ] as const) {
      if (!HEX64.test(v)) return { ok: false, reason: `block ${name} is not a 64-digit hex hash` }
    }
    return {
      ok: true,
      value: {
        height,
        prev,
        proposer,
        base,
        updates,
        joins,
        leaves,
        evidence,
        transfers,
        lastCommit,
        next,
      },
    }
  } catch (err) {
    return { ok: false, reason: `malformed block: ${(err as Error).message}` }
  }
}

/** The block's identity: SHA-256 of its canonical bytes. */
export function blockHash(bytes: Uint8Array): HashHex {
  return sha256Hex(bytes)
}
