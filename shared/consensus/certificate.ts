/**
 * Certificates: a quorum of signed precommits for one block at one height and round. A
 * certificate is self-contained proof that the members of that height decided the block.
 */
import { ByteReader, ByteWriter, openMessage } from '../protocol/index.ts'
import type { HashHex, Height, JobId, NodeId, Result } from '../types/index.ts'
import { consensusCodec } from './codec.ts'
import { quorum } from './quorum.ts'

/** A decided block's proof. */
export interface Certificate {
  readonly height: Height
  readonly round: number
  readonly block: HashHex
  /** Signed `precommit` envelopes, sorted by voter. */
  readonly precommits: readonly Uint8Array[]
}

/** Largest certificate accepted (a thousand members' precommits). */
const MAX_CERT_BYTES = 8 * 1024 * 1024
const MAX_PRECOMMITS = 1024

/** Canonical bytes of a certificate. */
export function encodeCertificate(cert: Certificate): Uint8Array {
  const w = new ByteWriter(64 + cert.precommits.length * 3600)
  w.varuint(cert.height).varuint(cert.round).text(cert.block).varuint(cert.precommits.length)
  for (const p of cert.precommits) w.bytes(p)
  return w.finish()
}

/** Decodes a certificate's structure (not its signatures: see {@link verifyCertificate}). */
export function decodeCertificate(bytes: Uint8Array): Result<Certificate> {
  if (bytes.length > MAX_CERT_BYTES) return { ok: false, reason: 'certificate too large' }
  try {
    const r = new ByteReader(bytes)
    const height = r.varuint() as Height
    const round = r.varuint()
    const block = r.text(64) as HashHex
    if (!/^[0-9a-f]{64}$/.test(block)) return { ok: false, reason: 'block hash is not hex' }
    const n = r.varuint(MAX_PRECOMMITS)
    const precommits: Uint8Array[] = []
    for (let i = 0; i < n; i++) precommits.push(r.bytes(16 * 1024).slice())
    r.end()
    return { ok: true, value: { height, round, block, precommits } }
  } catch (err) {
    return { ok: false, reason: `malformed certificate: ${(err as Error).message}` }
  }
}

/** Public keys of the members that must have signed. */
export type MemberKeys = ReadonlyMap<NodeId, Uint8Array>

/**
 * Checks that a quorum of `members` signed precommits for exactly this height, round and block.
 * Returns the voters.
 */
export function verifyCertificate(
  cert: Certificate,
  job: JobId,
  members: MemberKeys,
): Result<NodeId[]> {
  const voters = new Set<NodeId>()
  for (const [i, bytes] of cert.precommits.entries()) {
    const opened = openMessage(bytes, { codec: consensusCodec, job, keys: (n) => members.get(n) })
    if (!opened.ok)
      return { ok: false, reason: `precommit ${i}: ${opened.reason.code} ${opened.reason.detail}` }
    const m = opened.value.message
    if (m.type !== 'precommit') return { ok: false, reason: `precommit ${i} is a ${m.type}` }
    if (m.height !== cert.height || m.round !== cert.round || m.block !== cert.block) {
      return { ok: false, reason: `precommit ${i} is for another height, round or block` }
    }
    if (voters.has(m.node)) return { ok: false, reason: `precommit ${i} repeats voter ${m.node}` }
    voters.add(m.node)
  }
  const need = quorum(members.size)
  if (voters.size < need) {
    return { ok: false, reason: `${voters.size} precommits, quorum is ${need} of ${members.size}` }
  }
  return { ok: true, value: [...voters].sort() }
}
