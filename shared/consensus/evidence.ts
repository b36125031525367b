/**
 * Equivocation evidence: two messages signed by the same member for the same height, round and
 * vote kind that name different blocks. Anyone can check it with the member's public key.
 */
import { ByteReader, ByteWriter, openMessage } from '../protocol/index.ts'
import type { Height, JobId, NodeId, Result } from '../types/index.ts'
import { consensusCodec } from './codec.ts'
import type { MemberKeys } from './certificate.ts'

/** What a verified piece of evidence proves. */
export interface Equivocation {
  readonly node: NodeId
  readonly height: Height
  readonly round: number
  readonly kind: 'prevote' | 'precommit'
}

/** Checks that `first` and `second` are conflicting votes of one member. */
export function verifyEvidence(
  first: Uint8Array,
  second: Uint8Array,
  job: JobId,
  keys: MemberKeys,
): Result<Equivocation> {
  const a = openMessage(first, { codec: consensusCodec, job, keys: (n) => keys.get(n) })
  if (!a.ok) return { ok: false, reason: `first: ${a.reason.code} ${a.reason.detail}` }
  const b = openMessage(second, { codec: consensusCodec, job, keys: (n) => keys.get(n) })
  if (!b.ok) return { ok: false, reason: `second: ${b.reason.code} ${b.reason.detail}` }
  const x = a.value.message
  const y = b.value.message
  if (x.type === 'proposal' || y.type === 'proposal') return { ok: false, reason: 'not votes' }
  if (x.node !== y.node || x.type !== y.type || x.height !== y.height || x.round !== y.round) {
    return { ok: false, reason: 'the votes are not from one member at one height, round and kind' }
  }
  if (x.block === y.block) return { ok: false, reason: 'the votes agree' }
  return { ok: true, value: { node: x.node, height: x.height, round: x.round, kind: x.type } }
}

/** Bytes of an evidence pair. */
export function encodeEvidence(first: Uint8Array, second: Uint8Array): Uint8Array {
  return new ByteWriter(first.length + second.length + 8).bytes(first).bytes(second).finish()
}

/** An evidence pair from untrusted bytes. */
export function decodeEvidence(bytes: Uint8Array): Result<[Uint8Array, Uint8Array]> {
  try {
    const r = new ByteReader(bytes)
    const first = r.bytes(80 * 1024).slice()
    const second = r.bytes(80 * 1024).slice()
    r.end()
    return { ok: true, value: [first, second] }
  } catch (err) {
    return { ok: false, reason: `malformed evidence: ${(err as Error).message}` }
  }
}
