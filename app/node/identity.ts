/**
 * The tab's ML-DSA-65 / ML-KEM-768 identity, kept in IndexedDB encrypted under a non-extractable
 * AES-GCM key (DESIGN.md, "Identity"): script on the page can use the key to decrypt, but cannot
 * read the key out, and a copy of the database alone does not reveal the secret keys.
 */
import {
  deserializeIdentity,
  generateIdentity,
  serializeIdentity,
  type Identity,
} from '../../shared/crypto/index.ts'
import type { IdbStorage } from './idb-storage.ts'

const WRAP_KEY = 'identity-wrap/v1'
const IDENTITY_KEY = (slot: number) => `identity/v1/aes-gcm/${slot}`
const MAX_SLOTS = 64

/**
 * Each tab is its own node, but tabs of one browser profile share IndexedDB. A tab therefore
 * holds a Web Lock on an identity slot for its whole life: the first free slot is its own. A
 * reloaded tab gets its slot back (the lowest free one), so it comes back as the same node with
 * the same balance; two open tabs never share a key (which would make them equivocate).
 */
export async function claimSlot(): Promise<number> {
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const got = await new Promise<boolean>((resolve) => {
      void navigator.locks.request(`swarm-identity-slot-${slot}`, { ifAvailable: true }, (lock) => {
        if (lock === null) {
          resolve(false)
          return undefined
        }
        resolve(true)
        // Held until the page goes away.
        return new Promise<void>(() => undefined)
      })
    })
    if (got) return slot
  }
  throw new Error(`more than ${MAX_SLOTS} tabs of this browser are running nodes`)
}

function keyRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

async function wrappingKey(storage: IdbStorage): Promise<CryptoKey> {
  const store = () => storage.db.transaction('crypto-keys', 'readwrite').objectStore('crypto-keys')
  const existing: unknown = await keyRequest(store().get(WRAP_KEY))
  if (existing instanceof CryptoKey) return existing
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ])
  await keyRequest(store().put(key, WRAP_KEY))
  return key
}

/** Loads this browser's identity, or makes and saves one on first visit. */
export async function loadBrowserIdentity(
  storage: IdbStorage,
  slot: number,
): Promise<{ identity: Identity; created: boolean }> {
  const key = await wrappingKey(storage)
  const sealed = await storage.get(IDENTITY_KEY(slot))
  if (sealed !== undefined && sealed.length > 12) {
    try {
      const bytes = new Uint8Array(sealed)
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, 12) },
        key,
        bytes.slice(12),
      )
      const identity = deserializeIdentity(new Uint8Array(plain))
      if (identity.ok) return { identity: identity.value, created: false }
    } catch {
      // Unreadable (a new wrapping key after site data was partly cleared): make a new identity.
    }
  }
  const identity = generateIdentity()
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      key,
      new Uint8Array(serializeIdentity(identity)),
    ),
  )
  const out = new Uint8Array(12 + cipher.length)
  out.set(iv)
  out.set(cipher, 12)
  await storage.put(IDENTITY_KEY(slot), out)
  return { identity, created: true }
}
