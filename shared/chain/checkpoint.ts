/**
 * Checkpoints for late joiners: the certified blocks since genesis and the state at the last of
 * them. A joiner trusts nothing in it until it has (1) checked every certificate against the
 * members of its height, replaying membership from genesis, (2) checked that the blocks chain by
 * hash, and (3) checked that the state hashes to what the last certified block says and has the
 * replayed members. A forged or truncated checkpoint fails one of these with a reason.
 */
import {
  decodeCertificate,
  decodeEvidence,
  verifyCertificate,
  consensusCodec,
} from '../consensus/index.ts'
import { coreCodec, decodeEnvelope } from '../protocol/index.ts'
import type { Checkpoint } from '../node/checkpoint.ts'
import type { HashHex, Height, NodeId, Result } from '../types/index.ts'
import { blockHash, decodeBlock } from './block.ts'
import { nextMembership, type MembershipState } from './membership.ts'
import { decodeState, stateHash } from './state.ts'
import type { ChainMember, ChainParams, DilocoState } from './types.ts'
import { sha256Hex } from '../crypto/index.ts'

/** The node id in a sealed message's body, without verifying (the block it is in is certified). */
function nodeOf(envelope: Uint8Array, codec: 'core' | 'consensus'): NodeId | undefined {
  const env = decodeEnvelope(envelope)
  if (!env.ok) return undefined
  const m =
    codec === 'core' ? coreCodec.decode(env.value.body) : consensusCodec.decode(env.value.body)
  return m.ok ? m.value.node : undefined
}

/** Membership after a certified block, replayed from its header alone. */
function replayMembership(
  s: MembershipState,
  h: Height,
  block: ReturnType<typeof decodeBlock> & { ok: true },
  params: Pick<ChainParams, 'silentHeights' | 'banHeights'>,
): Result<MembershipState> {
  const b = block.value
  const seen: NodeId[] = []
  for (const u of b.updates) {
    const n = nodeOf(u, 'core')
    if (n === undefined) return { ok: false, reason: `block ${h}: unreadable update` }
    seen.push(n)
  }
  if (b.lastCommit.length > 0) {
    const c = decodeCertificate(b.lastCommit)
    if (!c.ok) return { ok: false, reason: `block ${h}: ${c.reason}` }
    for (const p of c.value.precommits) {
      const n = nodeOf(p, 'consensus')
      if (n !== undefined) seen.push(n)
    }
  }
  const slashed: NodeId[] = []
  for (const e of b.evidence) {
    const pair = decodeEvidence(e)
    const n = pair.ok ? nodeOf(pair.value[0], 'consensus') : undefined
    if (n === undefined) return { ok: false, reason: `block ${h}: unreadable evidence` }
    slashed.push(n)
  }
  const joins: ChainMember[] = []
  for (const j of b.joins) {
    const env = decodeEnvelope(j)
    if (!env.ok || env.value.signer.type !== 'key')
      return { ok: false, reason: `block ${h}: unreadable join` }
    const m = coreCodec.decode(env.value.body)
    if (!m.ok || m.value.type !== 'join')
      return { ok: false, reason: `block ${h}: unreadable join` }
    joins.push({
      node: m.value.node,
      publicKey: env.value.signer.publicKey,
      peer: m.value.peer,
      since: h,
      lastSeen: h,
    })
  }
  const leaves: NodeId[] = []
  for (const l of b.leaves) {
    const n = nodeOf(l, 'core')
    if (n === undefined) return { ok: false, reason: `block ${h}: unreadable leave` }
    leaves.push(n)
  }
  return { ok: true, value: nextMembership(s, h, { seen, slashed, joins, leaves }, params) }
}

/**
 * Verifies `cp` on top of the `genesis` this node computed itself; returns S_H on success.
 */
export function verifyCheckpoint(
  cp: Checkpoint,
  genesis: DilocoState,
  params: Pick<ChainParams, 'silentHeights' | 'banHeights'>,
): Result<DilocoState> {
  let membership: MembershipState = { members: genesis.members, banned: genesis.banned }
  let prev: HashHex = genesis.blockHash
  let lastNext: HashHex | undefined
  for (const [i, entry] of cp.entries.entries()) {
    const h = (genesis.height + i + 1) as Height
    const cert = decodeCertificate(entry.certificate)
    if (!cert.ok) return { ok: false, reason: `height ${h}: ${cert.reason}` }
    if (cert.value.height !== h)
      return { ok: false, reason: `height ${h}: certificate is for height ${cert.value.height}` }
    if (sha256Hex(entry.block) !== cert.value.block)
      return { ok: false, reason: `height ${h}: block does not match its certificate` }
    const keys = new Map(membership.members.map((m) => [m.node, m.publicKey] as const))
    const verified = verifyCertificate(cert.value, genesis.job, keys)
    if (!verified.ok) return { ok: false, reason: `height ${h}: ${verified.reason}` }
    const block = decodeBlock(entry.block)
    if (!block.ok) return { ok: false, reason: `height ${h}: ${block.reason}` }
    if (block.value.height !== h || block.value.prev !== prev)
      return { ok: false, reason: `height ${h}: block does not chain` }
    const next = replayMembership(membership, h, block, params)
    if (!next.ok) return next
    membership = next.value
    prev = blockHash(entry.block)
    lastNext = block.value.next
  }
  const state = decodeState(cp.state)
  if (!state.ok) return { ok: false, reason: `state: ${state.reason}` }
  const s = state.value
  const H = genesis.height + cp.entries.length
  if (s.job !== genesis.job) return { ok: false, reason: 'state is for another job' }
  if (s.height !== H)
    return { ok: false, reason: `state is at height ${s.height}, the blocks end at ${H}` }
  if (cp.entries.length === 0) {
    return stateHash(s) === stateHash(genesis)
      ? { ok: true, value: s }
      : { ok: false, reason: 'state is not genesis' }
  }
  if (s.blockHash !== prev) return { ok: false, reason: 'state was not produced by the last block' }
  if (stateHash(s) !== lastNext)
    return { ok: false, reason: 'state hash differs from the certified one' }
  const same =
    s.members.length === membership.members.length &&
    s.members.every((m, i) => m.node === membership.members[i]?.node)
  if (!same) return { ok: false, reason: 'state members differ from the replayed membership' }
  return { ok: true, value: s }
}
