/**
 * A node's identity: an ML-DSA-65 signing key pair and an ML-KEM-768 key pair, both derived from
 * seeds, and the node id (hex SHA-256 of the ML-DSA public key).
 *
 * @remarks
 * Only the seeds are serialized (FIPS 204 ξ, 32 bytes; FIPS 203 d ‖ z, 64 bytes): key generation
 * from a seed is deterministic, so the seed is the smallest complete form of the secret and a stored
 * identity can never hold a public key that does not match its secret key.
 */
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js'
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js'
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import type { NodeId, Result } from '../types/index.ts'
import {
  IDENTITY_FORMAT_VERSION,
  IDENTITY_MAGIC,
  ML_DSA_SEED_BYTES,
  ML_KEM_SEED_BYTES,
} from './constants.ts'
import { KeyMaterialError } from './errors.ts'
import { nodeIdOf } from './hash.ts'

/** What other nodes may know about a node: its id and public keys. */
export interface PublicIdentity {
  readonly nodeId: NodeId
  /** ML-DSA-65 public key (1952 bytes). */
  readonly publicKey: Uint8Array
  /** ML-KEM-768 encapsulation key (1184 bytes). */
  readonly kemPublicKey: Uint8Array
}

/** A node's full identity, secrets included. Never leaves the node except through storage. */
export interface Identity extends PublicIdentity {
  /** ML-DSA-65 secret key (4032 bytes). */
  readonly secretKey: Uint8Array
  /** ML-KEM-768 decapsulation key (2400 bytes). */
  readonly kemSecretKey: Uint8Array
  /** The seeds every key above is derived from. */
  readonly seeds: { readonly dsa: Uint8Array; readonly kem: Uint8Array }
}

/** Source of random bytes; defaults to the platform CSPRNG. */
export type RandomSource = (length: number) => Uint8Array

const MAGIC = utf8ToBytes(IDENTITY_MAGIC)
const SERIALIZED_BYTES = MAGIC.length + 1 + ML_DSA_SEED_BYTES + ML_KEM_SEED_BYTES

/** Builds the identity whose keys derive from the given seeds (32 and 64 bytes). */
export function identityFromSeeds(dsaSeed: Uint8Array, kemSeed: Uint8Array): Identity {
  if (dsaSeed.length !== ML_DSA_SEED_BYTES || kemSeed.length !== ML_KEM_SEED_BYTES) {
    throw new KeyMaterialError(
      `identity seeds are ${ML_DSA_SEED_BYTES} and ${ML_KEM_SEED_BYTES} bytes`,
    )
  }
  const dsa = ml_dsa65.keygen(dsaSeed)
  const kem = ml_kem768.keygen(kemSeed)
  return {
    nodeId: nodeIdOf(dsa.publicKey),
    publicKey: dsa.publicKey,
    secretKey: dsa.secretKey,
    kemPublicKey: kem.publicKey,
    kemSecretKey: kem.secretKey,
    seeds: { dsa: dsaSeed.slice(), kem: kemSeed.slice() },
  }
}

/** Generates a fresh identity from the platform CSPRNG (or an injected source, for tests). */
export function generateIdentity(random: RandomSource = randomBytes): Identity {
  return identityFromSeeds(random(ML_DSA_SEED_BYTES), random(ML_KEM_SEED_BYTES))
}

/** The public part of an identity. */
export function publicIdentity(identity: Identity): PublicIdentity {
  return {
    nodeId: identity.nodeId,
    publicKey: identity.publicKey,
    kemPublicKey: identity.kemPublicKey,
  }
}

/** Serializes an identity: `swarm-id` ‖ version ‖ ML-DSA seed ‖ ML-KEM seed (105 bytes). */
export function serializeIdentity(identity: Identity): Uint8Array {
  const out = new Uint8Array(SERIALIZED_BYTES)
  out.set(MAGIC, 0)
  out[MAGIC.length] = IDENTITY_FORMAT_VERSION
  out.set(identity.seeds.dsa, MAGIC.length + 1)
  out.set(identity.seeds.kem, MAGIC.length + 1 + ML_DSA_SEED_BYTES)
  return out
}

/** Parses a serialized identity, rebuilding its keys; rejects anything else with a reason. */
export function deserializeIdentity(bytes: Uint8Array): Result<Identity> {
  if (bytes.length !== SERIALIZED_BYTES) {
    return { ok: false, reason: `identity must be ${SERIALIZED_BYTES} bytes, got ${bytes.length}` }
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) return { ok: false, reason: 'not a serialized identity' }
  }
  if (bytes[MAGIC.length] !== IDENTITY_FORMAT_VERSION) {
    return { ok: false, reason: `unsupported identity version ${bytes[MAGIC.length]}` }
  }
  const dsaStart = MAGIC.length + 1
  const kemStart = dsaStart + ML_DSA_SEED_BYTES
  return {
    ok: true,
    value: identityFromSeeds(bytes.slice(dsaStart, kemStart), bytes.slice(kemStart)),
  }
}
