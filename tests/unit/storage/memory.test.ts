import { describe, expect, it } from 'vitest'
import { MemoryStorage } from '../../../shared/storage/index.ts'
import { describeStorageConformance } from './conformance.ts'

describeStorageConformance('MemoryStorage', () => new MemoryStorage())

describe('MemoryStorage', () => {
  it('starts empty and counts what it holds', async () => {
    const store = new MemoryStorage()
    expect(store.size).toBe(0)
    await store.put('a', new Uint8Array([1]))
    await store.put('b', new Uint8Array([2]))
    expect(store.size).toBe(2)
  })

  it('keeps separate instances apart', async () => {
    const one = new MemoryStorage()
    const two = new MemoryStorage()
    await one.put('a', new Uint8Array([1]))
    expect(await two.get('a')).toBeUndefined()
  })
})
