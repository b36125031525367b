/**
 * The conformance suite every `Storage` implementation must pass (IndexedDB in the app, memory
 * here). Call it from a test file with a factory that returns a fresh, empty store.
 */
import { describe, expect, it } from 'vitest'
import type { Storage } from '../../../shared/storage/index.ts'
import { MAX_KEY_LENGTH } from '../../../shared/storage/index.ts'

/** Registers the `Storage` conformance tests for one implementation. */
export function describeStorageConformance(
  name: string,
  create: () => Storage | Promise<Storage>,
): void {
  describe(`Storage conformance: ${name}`, () => {
    const setup = async () => ({ store: await create() })
    const bytes = (...xs: number[]) => new Uint8Array(xs)

    it('returns undefined for a key that was never stored', async () => {
      const { store } = await setup()
      expect(await store.get('missing')).toBeUndefined()
    })

    it('returns the bytes that were put', async () => {
      const { store } = await setup()
      await store.put('a', bytes(1, 2, 3))
      expect(await store.get('a')).toEqual(bytes(1, 2, 3))
    })

    it('stores an empty value as an empty array, not as missing', async () => {
      const { store } = await setup()
      await store.put('empty', new Uint8Array(0))
      expect(await store.get('empty')).toEqual(new Uint8Array(0))
    })

    it('replaces the value on a second put', async () => {
      const { store } = await setup()
      await store.put('a', bytes(1))
      await store.put('a', bytes(2, 2))
      expect(await store.get('a')).toEqual(bytes(2, 2))
    })

    it('forgets a deleted key and treats deleting a missing key as a no-op', async () => {
      const { store } = await setup()
      await store.put('a', bytes(1))
      await store.delete('a')
      await store.delete('never-there')
      expect(await store.get('a')).toBeUndefined()
    })

    it('is not changed when the caller mutates the array it put', async () => {
      const { store } = await setup()
      const value = bytes(7, 7)
      await store.put('a', value)
      value[0] = 0
      expect(await store.get('a')).toEqual(bytes(7, 7))
    })

    it('is not changed when the caller mutates the array it got', async () => {
      const { store } = await setup()
      await store.put('a', bytes(7, 7))
      const got = await store.get('a')
      got?.fill(0)
      expect(await store.get('a')).toEqual(bytes(7, 7))
    })

    it('keeps a view of a larger buffer as exactly the viewed bytes', async () => {
      const { store } = await setup()
      const big = bytes(0, 1, 2, 3, 4, 5)
      await store.put('view', big.subarray(2, 4))
      expect(await store.get('view')).toEqual(bytes(2, 3))
    })

    it('lists the keys under a prefix in ascending order', async () => {
      const { store } = await setup()
      for (const key of ['ck/2', 'id', 'ck/10', 'ck/1']) await store.put(key, bytes(0))
      expect(await store.keys('ck/')).toEqual(['ck/1', 'ck/10', 'ck/2'])
      expect(await store.keys()).toEqual(['ck/1', 'ck/10', 'ck/2', 'id'])
    })

    it('accepts a key of the maximum length and rejects an empty or longer one', async () => {
      const { store } = await setup()
      await store.put('k'.repeat(MAX_KEY_LENGTH), bytes(1))
      await expect(store.put('', bytes(1))).rejects.toMatchObject({ name: 'InvalidKeyError' })
      await expect(store.get('k'.repeat(MAX_KEY_LENGTH + 1))).rejects.toMatchObject({
        name: 'InvalidKeyError',
      })
    })

    it('rejects with AbortError and changes nothing when the signal is already aborted', async () => {
      const { store } = await setup()
      const controller = new AbortController()
      controller.abort()
      const { signal } = controller
      await expect(store.put('a', bytes(1), { signal })).rejects.toMatchObject({
        name: 'AbortError',
      })
      await expect(store.get('a', { signal })).rejects.toMatchObject({ name: 'AbortError' })
      expect(await store.get('a')).toBeUndefined()
    })
  })
}
