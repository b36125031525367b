/**
 * The `Storage` contract: an async key-value store of byte strings.
 *
 * @remarks
 * Values are copied on the way in and on the way out, so a caller that later mutates the array it
 * passed or received never changes what is stored. Every call takes `{ signal }`; a call whose
 * signal is already aborted rejects with `AbortError` and has no effect.
 */
import type { AbortSignalLike } from '../types/index.ts'
import { MAX_KEY_LENGTH } from './constants.ts'
import { AbortError, InvalidKeyError } from './errors.ts'

/** Options every storage call takes. */
export interface StorageOptions {
  readonly signal?: AbortSignalLike
}

/** An async key-value store of byte strings (IndexedDB in the app, memory in tests). */
export interface Storage {
  /** The bytes stored under `key`, or `undefined` when there are none. */
  get(key: string, options?: StorageOptions): Promise<Uint8Array | undefined>
  /** Stores a copy of `value` under `key`, replacing what was there. */
  put(key: string, value: Uint8Array, options?: StorageOptions): Promise<void>
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string, options?: StorageOptions): Promise<void>
  /** Every stored key that starts with `prefix`, in ascending code-unit order. */
  keys(prefix?: string, options?: StorageOptions): Promise<string[]>
}

/** Throws `InvalidKeyError` unless `key` is a non-empty string of at most `MAX_KEY_LENGTH`. */
export function assertStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidKeyError(`storage keys are 1-${MAX_KEY_LENGTH} characters`)
  }
}

/** Throws `AbortError` when `options.signal` is already aborted. */
export function throwIfAborted(options?: StorageOptions): void {
  const signal = options?.signal
  if (signal?.aborted === true) throw new AbortError(undefined, { cause: signal.reason })
}
