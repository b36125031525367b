/**
 * Frames on the consensus topic and the sync protocol. A proposal travels with its block so that
 * a member can validate it at once; votes travel alone.
 */
import { ByteReader, ByteWriter } from '../protocol/index.ts'
import type { Result } from '../types/index.ts'

/** A consensus-topic frame. */
export type ConsensusFrame =
  | { readonly kind: 'proposal'; readonly envelope: Uint8Array; readonly block: Uint8Array }
  | { readonly kind: 'vote'; readonly envelope: Uint8Array }

/** Largest block accepted on the wire. */
export const MAX_BLOCK_BYTES = 4 * 1024 * 1024
const MAX_ENVELOPE = 80 * 1024

/** Bytes of a frame. */
export function encodeFrame(frame: ConsensusFrame): Uint8Array {
  const w = new ByteWriter(
    frame.envelope.length + (frame.kind === 'proposal' ? frame.block.length : 0) + 16,
  )
  if (frame.kind === 'proposal') w.text('proposal').bytes(frame.envelope).bytes(frame.block)
  else w.text('vote').bytes(frame.envelope)
  return w.finish()
}

/** A frame from untrusted bytes, or why not. */
export function decodeFrame(bytes: Uint8Array): Result<ConsensusFrame> {
  try {
    const r = new ByteReader(bytes)
    const kind = r.text(16)
    if (kind === 'proposal') {
      const envelope = r.bytes(MAX_ENVELOPE).slice()
      const block = r.bytes(MAX_BLOCK_BYTES).slice()
      r.end()
      return { ok: true, value: { kind, envelope, block } }
    }
    if (kind === 'vote') {
      const envelope = r.bytes(MAX_ENVELOPE).slice()
      r.end()
      return { ok: true, value: { kind, envelope } }
    }
    return { ok: false, reason: `unknown frame kind ${JSON.stringify(kind)}` }
  } catch (err) {
    return { ok: false, reason: `malformed frame: ${(err as Error).message}` }
  }
}

/** A certified block as served by the sync protocol: the block and its certificate. */
export interface SyncEntry {
  readonly block: Uint8Array
  readonly certificate: Uint8Array
}

/** Bytes of a sync answer. */
export function encodeSyncEntry(entry: SyncEntry): Uint8Array {
  return new ByteWriter(entry.block.length + entry.certificate.length + 16)
    .bytes(entry.block)
    .bytes(entry.certificate)
    .finish()
}

/** A sync answer from untrusted bytes. */
export function decodeSyncEntry(bytes: Uint8Array): Result<SyncEntry> {
  try {
    const r = new ByteReader(bytes)
    const block = r.bytes(MAX_BLOCK_BYTES).slice()
    const certificate = r.bytes(8 * 1024 * 1024).slice()
    r.end()
    return { ok: true, value: { block, certificate } }
  } catch (err) {
    return { ok: false, reason: `malformed sync answer: ${(err as Error).message}` }
  }
}

/** A sync request: the height wanted. */
export function encodeHeight(height: number): Uint8Array {
  return new ByteWriter(8).varuint(height).finish()
}

/** The height in a sync request. */
export function decodeHeight(bytes: Uint8Array): Result<number> {
  try {
    const r = new ByteReader(bytes)
    const h = r.varuint()
    r.end()
    return { ok: true, value: h }
  } catch (err) {
    return { ok: false, reason: `malformed height: ${(err as Error).message}` }
  }
}
