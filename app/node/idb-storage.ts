/**
 * `Storage` on IndexedDB: one database per name, one object store of byte values by string key.
 * Values are copied in and out, so callers never share buffers with the database.
 */
import {
  assertStorageKey,
  throwIfAborted,
  type Storage,
  type StorageOptions,
} from '../../shared/storage/index.ts'

const STORE = 'kv'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

/** Opens (creating if needed) the database `name`. */
export function openDatabase(name: string, factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  const req = factory.open(name, 1)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE)
    if (!db.objectStoreNames.contains('crypto-keys')) db.createObjectStore('crypto-keys')
  }
  return request(req)
}

/** A `Storage` over an open IndexedDB database. */
export class IdbStorage implements Storage {
  readonly db: IDBDatabase

  constructor(db: IDBDatabase) {
    this.db = db
  }

  /** Opens the database `name` and wraps it. */
  static async open(name: string, factory?: IDBFactory): Promise<IdbStorage> {
    return new IdbStorage(await openDatabase(name, factory))
  }

  #store(mode: IDBTransactionMode): IDBObjectStore {
    return this.db.transaction(STORE, mode).objectStore(STORE)
  }

  async get(key: string, options?: StorageOptions): Promise<Uint8Array | undefined> {
    assertStorageKey(key)
    throwIfAborted(options)
    const value: unknown = await request(this.#store('readonly').get(key))
    if (value === undefined) return undefined
    if (!(value instanceof Uint8Array) && !(value instanceof ArrayBuffer)) return undefined
    return new Uint8Array(value).slice()
  }

  async put(key: string, value: Uint8Array, options?: StorageOptions): Promise<void> {
    assertStorageKey(key)
    throwIfAborted(options)
    await request(this.#store('readwrite').put(value.slice(), key))
  }

  async delete(key: string, options?: StorageOptions): Promise<void> {
    assertStorageKey(key)
    throwIfAborted(options)
    await request(this.#store('readwrite').delete(key))
  }

  async keys(prefix = '', options?: StorageOptions): Promise<string[]> {
    throwIfAborted(options)
    const all = await request(this.#store('readonly').getAllKeys())
    return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)).sort()
  }
}
