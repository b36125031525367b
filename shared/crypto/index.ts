/**
 * Identity and signatures for the swarm, post-quantum throughout.
 *
 * @remarks
 * - Identity: ML-DSA-65 signing keys and ML-KEM-768 keys from seeds; node id = hex SHA-256 of the
 *   ML-DSA public key. Kept in a `Storage` (see `keystore.ts`).
 * - Signatures: HashML-DSA-65 with SHA-512 over the exact bytes sent, under the context
 *   `swarm/v1/<job>/<kind>`. Large payloads are bound by their SHA-256 inside a small signed
 *   header, so a verifier checks the signature before it touches the payload.
 * - Hashes: SHA-256 for every identifier, WebCrypto when present, `@noble/hashes` otherwise.
 * - ML-KEM-768 for a key shared with a chosen peer, run through HKDF-SHA-256.
 *
 * `@noble/post-quantum` is not independently audited and has no side-channel protection
 * (its README); that is an accepted risk of a browser node.
 */
export * from './constants.ts'
export { KeyMaterialError, SigningContextError } from './errors.ts'
export {
  fromHex,
  nodeIdOf,
  sha256Async,
  sha256Bytes,
  sha256Hex,
  sha256HexAsync,
  toHex,
  equalBytes,
} from './hash.ts'
export { signingContext } from './context.ts'
export type { Identity, PublicIdentity, RandomSource } from './identity.ts'
export {
  deserializeIdentity,
  generateIdentity,
  identityFromSeeds,
  publicIdentity,
  serializeIdentity,
} from './identity.ts'
export type { KeystoreOptions } from './keystore.ts'
export { loadIdentity, loadOrCreateIdentity, saveIdentity } from './keystore.ts'
export { assertDsaPublicKey, signBytes, verifyBytes } from './sign.ts'
export type { Encapsulation, KemBinding } from './kem.ts'
export { decapsulateFrom, encapsulateTo } from './kem.ts'
