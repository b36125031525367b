/**
 * ML-KEM-768 (FIPS 203) key agreement with a chosen peer, for encrypting direct payloads.
 *
 * @remarks
 * The raw shared secret is never used as a key: it goes through HKDF-SHA-256 (RFC 5869) with the
 * ciphertext as salt and an info string that names the job and both node ids, so a key derived for
 * one pair or job cannot be replayed for another. Decapsulating a forged ciphertext does not fail
 * (FIPS 203 implicit rejection returns an unrelated secret); the decryption that uses the key does.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js'
import type { JobId, NodeId, Result } from '../types/index.ts'
import {
  CONTEXT_PREFIX,
  KEM_DERIVED_KEY_BYTES,
  ML_KEM_768_CIPHERTEXT_BYTES,
  ML_KEM_768_PUBLIC_KEY_BYTES,
} from './constants.ts'
import type { Identity } from './identity.ts'

/** Who the derived key is for: the job and the two ends, sender first. */
export interface KemBinding {
  readonly job: JobId
  readonly from: NodeId
  readonly to: NodeId
}

/** A ciphertext to send to the peer and the key both ends will derive. */
export interface Encapsulation {
  readonly cipherText: Uint8Array
  readonly key: Uint8Array
}

function deriveKey(secret: Uint8Array, cipherText: Uint8Array, binding: KemBinding): Uint8Array {
  const info = utf8ToBytes(`${CONTEXT_PREFIX}/${binding.job}/kem/${binding.from}/${binding.to}`)
  return hkdf(sha256, secret, cipherText, info, KEM_DERIVED_KEY_BYTES)
}

/** Encapsulates a fresh shared key to the peer's ML-KEM-768 public key. */
export function encapsulateTo(
  peerKemPublicKey: Uint8Array,
  binding: KemBinding,
): Result<Encapsulation> {
  if (peerKemPublicKey.length !== ML_KEM_768_PUBLIC_KEY_BYTES) {
    return { ok: false, reason: `ML-KEM-768 public keys are ${ML_KEM_768_PUBLIC_KEY_BYTES} bytes` }
  }
  let encapsulated: { cipherText: Uint8Array; sharedSecret: Uint8Array }
  try {
    encapsulated = ml_kem768.encapsulate(peerKemPublicKey)
  } catch {
    // FIPS 203 §7.2 input check: coefficients of the key must be reduced mod q.
    return { ok: false, reason: 'ML-KEM-768 public key fails the modulus check' }
  }
  const { cipherText, sharedSecret } = encapsulated
  return { ok: true, value: { cipherText, key: deriveKey(sharedSecret, cipherText, binding) } }
}

/** Recovers the shared key from a ciphertext sent to this identity. */
export function decapsulateFrom(
  identity: Identity,
  cipherText: Uint8Array,
  binding: KemBinding,
): Result<Uint8Array> {
  if (cipherText.length !== ML_KEM_768_CIPHERTEXT_BYTES) {
    return { ok: false, reason: `ML-KEM-768 ciphertexts are ${ML_KEM_768_CIPHERTEXT_BYTES} bytes` }
  }
  const secret = ml_kem768.decapsulate(cipherText, identity.kemSecretKey)
  return { ok: true, value: deriveKey(secret, cipherText, binding) }
}
