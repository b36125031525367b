/**
 * Sizes and labels of the node's cryptography.
 *
 * @remarks Byte lengths are those of FIPS 204 (ML-DSA-65, Table 2) and FIPS 203 (ML-KEM-768,
 * Table 3), as exposed by `@noble/post-quantum` 0.7.1.
 */

/** ML-DSA-65 public key length in bytes (FIPS 204, Table 2). */
export const ML_DSA_65_PUBLIC_KEY_BYTES = 1952
/** ML-DSA-65 secret key length in bytes (FIPS 204, Table 2). */
export const ML_DSA_65_SECRET_KEY_BYTES = 4032
/** ML-DSA-65 signature length in bytes (FIPS 204, Table 2). */
export const ML_DSA_65_SIGNATURE_BYTES = 3309
/** ML-DSA key-generation seed length ξ in bytes (FIPS 204, Algorithm 1). */
export const ML_DSA_SEED_BYTES = 32

/** ML-KEM-768 encapsulation (public) key length in bytes (FIPS 203, Table 3). */
export const ML_KEM_768_PUBLIC_KEY_BYTES = 1184
/** ML-KEM-768 ciphertext length in bytes (FIPS 203, Table 3). */
export const ML_KEM_768_CIPHERTEXT_BYTES = 1088
/** ML-KEM key-generation seed length (d ‖ z) in bytes (FIPS 203, Algorithm 19). */
export const ML_KEM_SEED_BYTES = 64
/** Length of a key derived from an ML-KEM shared secret, in bytes. */
export const KEM_DERIVED_KEY_BYTES = 32

/** First segment of every signing context and derivation label: protocol name and version. */
export const CONTEXT_PREFIX = 'swarm/v1'
/** Longest context string ML-DSA accepts, in bytes (FIPS 204, Algorithm 2: |ctx| ≤ 255). */
export const MAX_CONTEXT_BYTES = 255
/** Message kinds that may name a signing context: lowercase, digits and `-`, at most 32. */
export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/

/** Storage key of the node's own identity. */
export const IDENTITY_STORAGE_KEY = 'identity/v1'
/** Magic prefix of a serialized identity (ASCII `swarm-id`). */
export const IDENTITY_MAGIC = 'swarm-id'
/** Format version of a serialized identity. */
export const IDENTITY_FORMAT_VERSION = 1
