/** An in-memory `Storage` for tests, the simulator and tabs that opt out of persistence. */
import type { Storage, StorageOptions } from './storage.ts'
import { assertStorageKey, throwIfAborted } from './storage.ts'

/** A `Storage` that keeps copies of the values in a `Map`; nothing survives the process. */
export class MemoryStorage implements Storage {
  readonly #entries = new Map<string, Uint8Array>()

  /** Number of stored keys. */
  get size(): number {
    return this.#entries.size
  }

  get(key: string, options?: StorageOptions): Promise<Uint8Array | undefined> {
    return run(options, () => {
      assertStorageKey(key)
      const value = this.#entries.get(key)
      return value === undefined ? undefined : value.slice()
    })
  }

  put(key: string, value: Uint8Array, options?: StorageOptions): Promise<void> {
    return run(options, () => {
      assertStorageKey(key)
      if (!(value instanceof Uint8Array)) throw new TypeError('storage values are Uint8Array')
      this.#entries.set(key, value.slice())
    })
  }

  delete(key: string, options?: StorageOptions): Promise<void> {
    return run(options, () => {
      assertStorageKey(key)
      this.#entries.delete(key)
    })
  }

  keys(prefix = '', options?: StorageOptions): Promise<string[]> {
    return run(options, () => {
      const found: string[] = []
      for (const key of this.#entries.keys()) if (key.startsWith(prefix)) found.push(key)
      // Code-unit order, the order IndexedDB uses for string keys.
      return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    })
  }
}

// Runs synchronously but reports through a promise, so errors reject rather than throw.
function run<T>(options: StorageOptions | undefined, body: () => T): Promise<T> {
  try {
    throwIfAborted(options)
    return Promise.resolve(body())
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)))
  }
}
