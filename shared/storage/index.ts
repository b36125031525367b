/**
 * Persistent storage behind one small interface.
 *
 * @remarks
 * `shared/` never touches IndexedDB or the file system: it takes a `Storage` (async get, put,
 * delete and prefix listing of `Uint8Array` values by string key). The app wires an IndexedDB
 * implementation, tests and the simulator use {@link MemoryStorage}. Every implementation must pass
 * the conformance suite in `tests/unit/storage/conformance.ts`.
 */
export type { Storage, StorageOptions } from './storage.ts'
export { assertStorageKey, throwIfAborted } from './storage.ts'
export { MemoryStorage } from './memory.ts'
export { AbortError, InvalidKeyError } from './errors.ts'
export { MAX_KEY_LENGTH } from './constants.ts'
