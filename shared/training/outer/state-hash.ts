/**
 * The hash of the outer state (h, θ_h, m_h) over its canonical encoding:
 * `swarm/v1/outer-state` ‖ 0x00 ‖ h (u64 LE) ‖ d (u32 LE) ‖ θ (d × f32 LE) ‖ m (d × f32 LE).
 * Two nodes hold the same weights and momentum exactly when these hashes agree; the consensus
 * state hash of S_h combines it with the ledger's and the membership's.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { sha256Async, sha256Bytes, toHex } from '../../crypto/index.ts'
import type { HashHex } from '../../types/index.ts'
import { OuterStepError } from '../errors.ts'
import { OUTER_STATE_DOMAIN } from './constants.ts'
import type { OuterState } from './nesterov.ts'

const DOMAIN = utf8ToBytes(OUTER_STATE_DOMAIN)
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

/** The canonical bytes of an outer state. */
export function encodeOuterState(state: OuterState): Uint8Array {
  const d = state.weights.length
  if (state.momentum.length !== d) throw new OuterStepError('weights and momentum differ in length')
  if (!Number.isSafeInteger(state.height) || state.height < 0) {
    throw new OuterStepError(`invalid height ${state.height}`)
  }
  const head = DOMAIN.length + 1 + 8 + 4
  const out = new Uint8Array(head + 8 * d)
  out.set(DOMAIN, 0)
  const view = new DataView(out.buffer)
  view.setBigUint64(DOMAIN.length + 1, BigInt(state.height), true)
  view.setUint32(DOMAIN.length + 9, d, true)
  writeFloats(out, head, state.weights, view)
  writeFloats(out, head + 4 * d, state.momentum, view)
  return out
}

/** SHA-256 of the canonical encoding (WebCrypto when available). */
export async function outerStateHash(state: OuterState): Promise<HashHex> {
  return toHex(await sha256Async(encodeOuterState(state))) as HashHex
}

/** SHA-256 of the canonical encoding, synchronously in JS (slower for large models). */
export function outerStateHashSync(state: OuterState): HashHex {
  return toHex(sha256Bytes(encodeOuterState(state))) as HashHex
}

function writeFloats(out: Uint8Array, at: number, values: Float32Array, view: DataView): void {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at)
    return
  }
  for (let i = 0; i < values.length; i++) view.setFloat32(at + 4 * i, values[i] ?? 0, true)
}
