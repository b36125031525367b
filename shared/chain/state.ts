/**
 * Canonical encoding of S_h and its hash. Two honest nodes with the same log produce the same
 * bytes, so the state hash shown in the UI proves they agree. The encoding is also the body of a
 * checkpoint, decoded with full validation.
 */
import { sha256Hex } from '../crypto/index.ts'
import { decodeLedger, encodeLedger } from '../ledger/index.ts'
import { ByteReader, ByteWriter } from '../protocol/index.ts'
import { asJobId, asNodeId, asPeerId } from '../types/index.ts'
import type { HashHex, Height, NodeId, PeerIdString, Result } from '../types/index.ts'
import { StateDecodeError } from './errors.ts'
import type { ChainMember, DilocoState } from './types.ts'

const TAG = 'swarm/state/v1'
const MAX_MEMBERS = 4_096
const MAX_DIMENSION = 64 * 1024 * 1024
const HEX64 = /^[0-9a-f]{64}$/

function writeVector(w: ByteWriter, v: Float32Array): void {
  w.varuint(v.length)
  const bytes = new Uint8Array(v.length * 4)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i] ?? 0, true)
  w.raw(bytes)
}

function readVector(r: ByteReader, d?: number): Float32Array {
  const n = r.varuint(MAX_DIMENSION)
  if (d !== undefined && n !== d) throw new StateDecodeError(`vector of ${n}, expected ${d}`)
  const bytes = r.raw(n * 4)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const x = view.getFloat32(i * 4, true)
    if (!Number.isFinite(x)) throw new StateDecodeError(`value ${i} is not finite`)
    out[i] = x
  }
  return out
}

function writeMembers(w: ByteWriter, members: readonly ChainMember[]): void {
  w.varuint(members.length)
  for (const m of members)
    w.text(m.node).bytes(m.publicKey).text(m.peer).varuint(m.since).varuint(m.lastSeen)
}

function readMembers(r: ByteReader): ChainMember[] {
  const n = r.varuint(MAX_MEMBERS)
  const out: ChainMember[] = []
  for (let i = 0; i < n; i++) {
    const node = r.text(64)
    const publicKey = r.bytes(4096).slice()
    const peer = r.text(64)
    const since = r.varuint() as Height
    const lastSeen = r.varuint() as Height
    if (!asNodeId(node).ok) throw new StateDecodeError(`member ${i} node id`)
    if (!asPeerId(peer).ok) throw new StateDecodeError(`member ${i} peer id`)
    if (i > 0 && (out[i - 1] as ChainMember).node >= node)
      throw new StateDecodeError('members not sorted')
    out.push({ node: node as NodeId, publicKey, peer: peer as PeerIdString, since, lastSeen })
  }
  return out
}

const ZERO_HASH = '0'.repeat(64)

/** Canonical bytes of a state. */
export function encodeState(s: DilocoState, forHash = false): Uint8Array {
  const w = new ByteWriter(16 * s.weights.length + 4096)
  w.text(TAG)
    .text(s.job)
    .varuint(s.height)
    .text(forHash ? ZERO_HASH : s.blockHash)
  writeVector(w, s.weights)
  writeVector(w, s.momentum)
  writeVector(w, s.lastAggregate)
  w.bytes(encodeLedger(s.ledger))
  writeMembers(w, s.members)
  writeMembers(w, s.lastMembers)
  const banned = [...s.banned].sort(([a], [b]) => (a < b ? -1 : 1))
  w.varuint(banned.length)
  for (const [node, until] of banned) w.text(node).varuint(until)
  return w.finish()
}

/**
 * The state hash: SHA-256 of the canonical bytes with the producing block's hash left out. Block
 * h carries the hash of S_h, so S_h cannot contain the hash of block h without a cycle; blocks are
 * bound to each other by `prev` and by certificates instead.
 */
export function stateHash(s: DilocoState): HashHex {
  return sha256Hex(encodeState(s, true))
}

/** A state from untrusted bytes (a checkpoint), fully validated. */
export function decodeState(bytes: Uint8Array): Result<DilocoState> {
  try {
    const r = new ByteReader(bytes)
    if (r.text(32) !== TAG) return { ok: false, reason: 'not a state' }
    const job = asJobId(r.text(64))
    if (!job.ok) return { ok: false, reason: `job: ${job.reason}` }
    const height = r.varuint() as Height
    const blockHash = r.text(64) as HashHex
    if (!HEX64.test(blockHash)) return { ok: false, reason: 'block hash' }
    const weights = readVector(r)
    const momentum = readVector(r, weights.length)
    const lastAggregate = readVector(r, weights.length)
    const ledger = decodeLedger(r.bytes(64 * 1024 * 1024))
    if (!ledger.ok) return { ok: false, reason: `ledger: ${ledger.reason}` }
    const members = readMembers(r)
    const lastMembers = readMembers(r)
    const nb = r.varuint(MAX_MEMBERS * 4)
    const banned = new Map<NodeId, Height>()
    for (let i = 0; i < nb; i++) banned.set(r.text(64) as NodeId, r.varuint() as Height)
    r.end()
    if (members.length === 0) return { ok: false, reason: 'no members' }
    return {
      ok: true,
      value: {
        job: job.value,
        height,
        blockHash,
        weights,
        momentum,
        lastAggregate,
        ledger: ledger.value,
        members,
        lastMembers,
        banned,
      },
    }
  } catch (err) {
    return { ok: false, reason: `malformed state: ${(err as Error).message}` }
  }
}

/**
 * State hashes by state object: hashing S_h (1 MB+ of weights) is done once per state however
 * many parts of the app ask for it.
 */
export class StateHashes {
  readonly #hashes = new WeakMap<DilocoState, HashHex>()

  /** The state hash of `s` (computed on first use). */
  of(s: DilocoState): HashHex {
    let h = this.#hashes.get(s)
    if (h === undefined) this.#hashes.set(s, (h = stateHash(s)))
    return h
  }

  /** Records that `s` hashes to `hash` (a copy of a state already hashed). */
  set(s: DilocoState, hash: HashHex): void {
    this.#hashes.set(s, hash)
  }
}
