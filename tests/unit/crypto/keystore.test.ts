import { describe, expect, it } from 'vitest'
import {
  IDENTITY_STORAGE_KEY,
  generateIdentity,
  loadIdentity,
  loadOrCreateIdentity,
  saveIdentity,
} from '../../../shared/crypto/index.ts'
import { MemoryStorage } from '../../../shared/storage/index.ts'

describe('keystore', () => {
  const setup = () => ({ storage: new MemoryStorage() })

  it('finds no identity in an empty storage', async () => {
    const { storage } = setup()
    expect(await loadIdentity(storage)).toBeUndefined()
  })

  it('loads the identity it saved', async () => {
    const { storage } = setup()
    const identity = generateIdentity()
    await saveIdentity(storage, identity)
    const loaded = await loadIdentity(storage)
    expect(loaded?.ok && loaded.value.nodeId).toBe(identity.nodeId)
  })

  it('creates an identity once and returns the same one afterwards', async () => {
    const { storage } = setup()
    const first = await loadOrCreateIdentity(storage)
    const second = await loadOrCreateIdentity(storage)
    expect(first.ok && second.ok && first.value.nodeId === second.value.nodeId).toBe(true)
    expect(await storage.keys()).toEqual([IDENTITY_STORAGE_KEY])
  })

  it('refuses to replace a stored value that is not an identity', async () => {
    const { storage } = setup()
    await storage.put(IDENTITY_STORAGE_KEY, new Uint8Array([1, 2, 3]))
    const result = await loadOrCreateIdentity(storage)
    expect(result.ok).toBe(false)
    expect(await storage.get(IDENTITY_STORAGE_KEY)).toEqual(new Uint8Array([1, 2, 3]))
  })
})
