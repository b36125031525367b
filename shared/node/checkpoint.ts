/**
 * The checkpoint container: certified blocks 1..H and the application's encoded S_H. What makes
 * one trustworthy is application-specific (see `shared/chain/checkpoint.ts`).
 */
import { ByteReader, ByteWriter } from '../protocol/index.ts'
import type { Result } from '../types/index.ts'

/** A certified block as carried in a checkpoint. */
export interface CheckpointEntry {
  readonly block: Uint8Array
  readonly certificate: Uint8Array
}

/** Blocks 1..H with their certificates, and the encoded S_H. */
export interface Checkpoint {
  readonly entries: readonly CheckpointEntry[]
  readonly state: Uint8Array
}

const TAG = 'swarm/checkpoint/v1'
const MAX_ENTRIES = 1_000_000

/** Bytes of a checkpoint. */
export function encodeCheckpoint(cp: Checkpoint): Uint8Array {
  const w = new ByteWriter(cp.state.length + cp.entries.length * 32_768 + 64)
  w.text(TAG).varuint(cp.entries.length)
  for (const e of cp.entries) w.bytes(e.block).bytes(e.certificate)
  return w.bytes(cp.state).finish()
}

/** A checkpoint's structure from untrusted bytes. */
export function decodeCheckpoint(bytes: Uint8Array): Result<Checkpoint> {
  try {
    const r = new ByteReader(bytes)
    if (r.text(32) !== TAG) return { ok: false, reason: 'not a checkpoint' }
    const n = r.varuint(MAX_ENTRIES)
    const entries: CheckpointEntry[] = []
    for (let i = 0; i < n; i++) {
      const block = r.bytes(8 * 1024 * 1024).slice()
      const certificate = r.bytes(8 * 1024 * 1024).slice()
      entries.push({ block, certificate })
    }
    const state = r.bytes(1024 * 1024 * 1024).slice()
    r.end()
    return { ok: true, value: { entries, state } }
  } catch (err) {
    return { ok: false, reason: `malformed checkpoint: ${(err as Error).message}` }
  }
}
