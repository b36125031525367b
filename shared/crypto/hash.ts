/**
 * Content hashes: SHA-256 for every identifier (node ids, message ids, payload and state hashes).
 *
 * @remarks
 * SHA-256 because WebCrypto has it natively in every browser, worker and Node, where a 4 MB update
 * hashes in about 3 ms against 17 ms for the pure-JS fallback, and 256 bits fill a `NodeId`.
 * SHA-512 is used only as the ML-DSA pre-hash (see `sign.ts`). The async variants prefer WebCrypto
 * (`globalThis.crypto.subtle`, absent in insecure browser contexts) and fall back to
 * `@noble/hashes`; both compute the same function, so the choice never changes a result.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { HashHex, NodeId } from '../types/index.ts'

interface SubtleDigest {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>
}

function subtle(): SubtleDigest | undefined {
  const holder = globalThis as { crypto?: { subtle?: SubtleDigest } }
  return holder.crypto?.subtle
}

/** SHA-256 of `bytes`, computed in JS (synchronous; use for small inputs). */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  return sha256(bytes)
}

/** SHA-256 of `bytes` as 64 lowercase hex characters (synchronous). */
export function sha256Hex(bytes: Uint8Array): HashHex {
  return bytesToHex(sha256(bytes)) as HashHex
}

/** SHA-256 of `bytes`, with WebCrypto when the platform has it (use for large inputs). */
export async function sha256Async(bytes: Uint8Array): Promise<Uint8Array> {
  const engine = subtle()
  if (engine !== undefined) {
    try {
      return new Uint8Array(await engine.digest('SHA-256', bytes))
    } catch {
      // Some engines refuse views of shared or detached buffers; the JS hash takes anything.
    }
  }
  return sha256(bytes)
}

/** SHA-256 of `bytes` as hex, with WebCrypto when available. */
export async function sha256HexAsync(bytes: Uint8Array): Promise<HashHex> {
  return bytesToHex(await sha256Async(bytes)) as HashHex
}

/** The node id of an ML-DSA-65 public key: hex SHA-256 of its bytes. */
export function nodeIdOf(publicKey: Uint8Array): NodeId {
  return bytesToHex(sha256(publicKey)) as NodeId
}

/** Whether two byte strings are equal (not constant-time: for content, never for secrets). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}

/** Bytes of an even-length lowercase or uppercase hex string; throws on anything else. */
export { hexToBytes as fromHex } from '@noble/hashes/utils.js'
