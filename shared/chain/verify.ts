/**
 * Checks of a block's contents against S_{h−1}: every signature, every membership rule, the
 * previous certificate. Returns the transition input (payloads still to be decoded by the caller)
 * or the first reason the block is invalid.
 */
import {
  decodeCertificate,
  verifyEvidence,
  decodeEvidence,
  verifyCertificate,
} from '../consensus/index.ts'
import { openTransfer, type LedgerTransfer } from '../ledger/index.ts'
import { coreCodec, openMessage, type UpdateMessage } from '../protocol/index.ts'
import type { JoinMessage } from '../protocol/index.ts'
import type { JobId, NodeId, Result } from '../types/index.ts'
import type { Block } from './block.ts'
import { isMember } from './members.ts'
import type { ChainMember, ChainParams, DilocoState } from './types.ts'

/** What a valid block contains, decoded. */
export interface CheckedBlock {
  readonly updates: readonly UpdateMessage[]
  readonly joins: readonly ChainMember[]
  /** Members that asked to leave. */
  readonly leaves: readonly NodeId[]
  readonly slashed: readonly NodeId[]
  readonly transfers: readonly LedgerTransfer[]
  readonly voters: readonly NodeId[]
}

/** Public keys of the members of S and of the height before it. */
export function keysOf(s: DilocoState): Map<NodeId, Uint8Array> {
  const keys = new Map<NodeId, Uint8Array>()
  for (const m of s.lastMembers) keys.set(m.node, m.publicKey)
  for (const m of s.members) keys.set(m.node, m.publicKey)
  return keys
}

/** Opens a sealed update header for height h on top of `s` (state hash `base`). */
export function openUpdate(bytes: Uint8Array, s: DilocoState, base: string): Result<UpdateMessage> {
  const members = new Map(s.members.map((m) => [m.node, m.publicKey] as const))
  const opened = openMessage(bytes, { codec: coreCodec, job: s.job, keys: (n) => members.get(n) })
  if (!opened.ok)
    return { ok: false, reason: `update: ${opened.reason.code} ${opened.reason.detail}` }
  const m = opened.value.message
  if (m.type !== 'update') return { ok: false, reason: `expected an update, got ${m.type}` }
  if (m.height !== s.height + 1) return { ok: false, reason: `update for height ${m.height}` }
  if (m.base !== base) return { ok: false, reason: 'update trained from another state' }
  return { ok: true, value: m }
}

/** Opens a sealed join request (signed with the joiner's own key). */
export function openJoin(
  bytes: Uint8Array,
  job: JobId,
): Result<{ message: JoinMessage; publicKey: Uint8Array }> {
  const opened = openMessage(bytes, { codec: coreCodec, job })
  if (!opened.ok)
    return { ok: false, reason: `join: ${opened.reason.code} ${opened.reason.detail}` }
  const m = opened.value.message
  if (m.type !== 'join') return { ok: false, reason: `expected a join, got ${m.type}` }
  return { ok: true, value: { message: m, publicKey: opened.value.publicKey } }
}

/** Opens a sealed leave request of a member of `s`; returns who leaves. */
export function openLeave(bytes: Uint8Array, s: DilocoState): Result<NodeId> {
  const members = new Map(s.members.map((m) => [m.node, m.publicKey] as const))
  const opened = openMessage(bytes, { codec: coreCodec, job: s.job, keys: (n) => members.get(n) })
  if (!opened.ok) return { ok: false, reason: `${opened.reason.code} ${opened.reason.detail}` }
  const m = opened.value.message
  if (m.type !== 'leave') return { ok: false, reason: `expected a leave, got ${m.type}` }
  // Signed since the member (last) joined and not from the future: an old leave from before a
  // rejoin cannot be replayed to remove it again.
  const since = s.members.find((x) => x.node === m.node)?.since ?? 0
  if (m.height + 1 < since || m.height > s.height)
    return {
      ok: false,
      reason: `leave signed at height ${m.height}, outside [${since - 1}, ${s.height}]`,
    }
  return { ok: true, value: m.node }
}

/** Checks everything in `b` except payloads and the resulting state hash. */
export function checkBlock(
  b: Block,
  s: DilocoState,
  base: string,
  p: ChainParams,
): Result<CheckedBlock> {
  if (b.height !== s.height + 1)
    return { ok: false, reason: `block for height ${b.height}, expected ${s.height + 1}` }
  if (b.prev !== s.blockHash) return { ok: false, reason: 'block does not extend our last block' }
  if (b.base !== base) return { ok: false, reason: 'block base is not our state hash' }
  if (!isMember(s, b.proposer)) return { ok: false, reason: 'proposer is not a member' }
  if (
    b.updates.length > p.maxUpdates ||
    b.joins.length > p.maxJoins ||
    b.leaves.length > s.members.length
  )
    return { ok: false, reason: 'block over its limits' }
  if (b.evidence.length > p.maxEvidence || b.transfers.length > p.maxTransfers)
    return { ok: false, reason: 'block over its limits' }

  // The previous height's certificate, signed by the members that voted on it.
  let voters: NodeId[] = []
  if (s.height > 0) {
    const cert = decodeCertificate(b.lastCommit)
    if (!cert.ok) return { ok: false, reason: `last commit: ${cert.reason}` }
    if (cert.value.height !== s.height || cert.value.block !== s.blockHash) {
      return { ok: false, reason: 'last commit is not for our last block' }
    }
    const keys = new Map(s.lastMembers.map((m) => [m.node, m.publicKey] as const))
    const verified = verifyCertificate(cert.value, s.job, keys)
    if (!verified.ok) return { ok: false, reason: `last commit: ${verified.reason}` }
    voters = verified.value
  } else if (b.lastCommit.length !== 0) return { ok: false, reason: 'height 1 has no last commit' }

  const updates: UpdateMessage[] = []
  for (const [i, bytes] of b.updates.entries()) {
    const u = openUpdate(bytes, s, base)
    if (!u.ok) return { ok: false, reason: `update ${i}: ${u.reason}` }
    const prev = updates[updates.length - 1]
    if (prev !== undefined && prev.node >= u.value.node)
      return { ok: false, reason: 'updates not sorted by node, or repeated' }
    updates.push(u.value)
  }

  const joins: ChainMember[] = []
  for (const [i, bytes] of b.joins.entries()) {
    const j = openJoin(bytes, s.job)
    if (!j.ok) return { ok: false, reason: `join ${i}: ${j.reason}` }
    const m = j.value.message
    if (s.members.some((x) => x.node === m.node))
      return { ok: false, reason: `join ${i}: already a member` }
    if (joins.length > 0 && (joins[joins.length - 1] as ChainMember).node >= m.node) {
      return { ok: false, reason: 'joins not sorted by node, or repeated' }
    }
    joins.push({
      node: m.node,
      publicKey: j.value.publicKey,
      peer: m.peer,
      since: b.height,
      lastSeen: s.height,
    })
  }

  const leaves: NodeId[] = []
  for (const [i, bytes] of b.leaves.entries()) {
    const l = openLeave(bytes, s)
    if (!l.ok) return { ok: false, reason: `leave ${i}: ${l.reason}` }
    const prev = leaves[leaves.length - 1]
    if (prev !== undefined && prev >= l.value)
      return { ok: false, reason: 'leaves not sorted by node, or repeated' }
    leaves.push(l.value)
  }

  const keys = keysOf(s)
  const slashed = new Set<NodeId>()
  for (const [i, bytes] of b.evidence.entries()) {
    const pair = decodeEvidence(bytes)
    if (!pair.ok) return { ok: false, reason: `evidence ${i}: ${pair.reason}` }
    const e = verifyEvidence(pair.value[0], pair.value[1], s.job, keys)
    if (!e.ok) return { ok: false, reason: `evidence ${i}: ${e.reason}` }
    if (e.value.height + 2 < b.height) return { ok: false, reason: `evidence ${i}: too old` }
    slashed.add(e.value.node)
  }

  const transfers: LedgerTransfer[] = []
  for (const [i, bytes] of b.transfers.entries()) {
    const t = openTransfer(bytes, { job: s.job, keys: (n) => keys.get(n) })
    if (!t.ok) return { ok: false, reason: `transfer ${i}: ${t.reason.code} ${t.reason.detail}` }
    const m = t.value.message
    transfers.push({ node: m.node, to: m.to, amount: m.amount, nonce: m.nonce })
  }
  return {
    ok: true,
    value: { updates, joins, leaves, slashed: [...slashed].sort(), transfers, voters },
  }
}
