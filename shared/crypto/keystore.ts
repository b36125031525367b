/**
 * Keeping the node's identity in a `Storage` (IndexedDB in the app, which wraps it with a
 * non-extractable AES-GCM key; memory in tests).
 */
import type { Result } from '../types/index.ts'
import type { Storage, StorageOptions } from '../storage/index.ts'
import { IDENTITY_STORAGE_KEY } from './constants.ts'
import type { Identity, RandomSource } from './identity.ts'
import { deserializeIdentity, generateIdentity, serializeIdentity } from './identity.ts'

/** Where and how the identity is kept. */
export interface KeystoreOptions extends StorageOptions {
  /** Storage key; defaults to `IDENTITY_STORAGE_KEY`. */
  readonly key?: string
  /** Randomness for a new identity; defaults to the platform CSPRNG. */
  readonly random?: RandomSource
}

/** Stores the identity (its seeds) under the identity key. */
export async function saveIdentity(
  storage: Storage,
  identity: Identity,
  options: KeystoreOptions = {},
): Promise<void> {
  await storage.put(options.key ?? IDENTITY_STORAGE_KEY, serializeIdentity(identity), options)
}

/** Loads the stored identity: `undefined` if none, a failure if what is stored is not one. */
export async function loadIdentity(
  storage: Storage,
  options: KeystoreOptions = {},
): Promise<Result<Identity> | undefined> {
  const bytes = await storage.get(options.key ?? IDENTITY_STORAGE_KEY, options)
  return bytes === undefined ? undefined : deserializeIdentity(bytes)
}

/**
 * Loads the stored identity, or generates and stores a new one when there is none. A stored value
 * that is not an identity is a failure, never silently replaced: that would change the node id.
 */
export async function loadOrCreateIdentity(
  storage: Storage,
  options: KeystoreOptions = {},
): Promise<Result<Identity>> {
  const loaded = await loadIdentity(storage, options)
  if (loaded !== undefined) return loaded
  const identity = generateIdentity(options.random)
  await saveIdentity(storage, identity, options)
  return { ok: true, value: identity }
}
