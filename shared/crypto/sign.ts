/**
 * Signatures: HashML-DSA-65 with SHA-512 (FIPS 204 §5.4) over the exact bytes, under a context
 * that names the job and the message kind.
 *
 * @remarks
 * The signer hashes the message with SHA-512 and signs the digest with the pre-hash domain
 * separation of FIPS 204 (`M' = 1 ‖ |ctx| ‖ ctx ‖ OID(SHA-512) ‖ SHA-512(M)`), so a signature can
 * never be confused with a pure ML-DSA one. SHA-512 because noble refuses a pre-hash weaker than
 * the parameter set (ML-DSA-65 needs 192-bit strength; SHA-256 gives 128). Signing is hedged
 * (fresh randomness per signature), so the same message signed twice gives two different
 * signatures: de-duplicate by message hash, never by signature bytes.
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js'
import { ML_DSA_65_PUBLIC_KEY_BYTES, ML_DSA_65_SIGNATURE_BYTES } from './constants.ts'
import { KeyMaterialError } from './errors.ts'
import type { Identity } from './identity.ts'

const HASH_ML_DSA_65 = ml_dsa65.prehash(sha512)

/** Signs `message` with the identity's ML-DSA-65 key under `context` (see `signingContext`). */
export function signBytes(
  identity: Identity,
  message: Uint8Array,
  context: Uint8Array,
): Uint8Array {
  return HASH_ML_DSA_65.sign(message, identity.secretKey, { context })
}

/**
 * Whether `signature` is a valid signature of `message` by `publicKey` under `context`. Never
 * throws: malformed keys or signatures are simply invalid.
 */
export function verifyBytes(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  context: Uint8Array,
): boolean {
  if (publicKey.length !== ML_DSA_65_PUBLIC_KEY_BYTES) return false
  if (signature.length !== ML_DSA_65_SIGNATURE_BYTES) return false
  const key = verifiedKey(publicKey, message, signature, context)
  if (VERIFIED.has(key)) return true
  let ok: boolean
  try {
    ok = HASH_ML_DSA_65.verify(signature, message, publicKey, { context })
  } catch {
    return false
  }
  if (ok) {
    if (VERIFIED.size >= MAX_VERIFIED) VERIFIED.delete(VERIFIED.keys().next().value as string)
    VERIFIED.add(key)
  }
  return ok
}

/**
 * Signatures already found valid, by a SHA-256 over everything verification depends on. A node
 * meets the same signed message several times (gossip, then inside a block, then in a certificate)
 * and a verification costs ~1.7 ms against ~20 µs for the hash; the simulator's nodes share it.
 * Only successes are kept: a forgery is re-checked (and rejected) every time. Bounded, oldest out.
 */
const VERIFIED = new Set<string>()
const MAX_VERIFIED = 16_384

function verifiedKey(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  context: Uint8Array,
): string {
  const h = sha256.create()
  const len = new Uint8Array(4)
  for (const part of [publicKey, context, signature, message]) {
    new DataView(len.buffer).setUint32(0, part.length)
    h.update(len).update(part)
  }
  return bytesToHex(h.digest())
}

/** Throws `KeyMaterialError` unless `publicKey` has the length of an ML-DSA-65 public key. */
export function assertDsaPublicKey(publicKey: Uint8Array): void {
  if (publicKey.length !== ML_DSA_65_PUBLIC_KEY_BYTES) {
    throw new KeyMaterialError(`ML-DSA-65 public keys are ${ML_DSA_65_PUBLIC_KEY_BYTES} bytes`)
  }
}
