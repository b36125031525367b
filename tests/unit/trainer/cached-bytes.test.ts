import { describe, expect, it } from 'vitest'
import { throughCache, type CacheStorageLike } from '../../../workers/data/cached-bytes.ts'
import type { ByteLoader } from '../../../workers/data/fetch-bytes.ts'
import { loadJobData } from '../../../workers/data/load.ts'
import { fileLoader, mlpJob, PUBLIC_URL } from './helpers.ts'

/** An in-memory `CacheStorage` with one cache per name. */
class MemoryCaches implements CacheStorageLike {
  readonly caches = new Map<string, Map<string, Uint8Array>>()
  open(name: string) {
    let c = this.caches.get(name)
    if (c === undefined) this.caches.set(name, (c = new Map<string, Uint8Array>()))
    const cache = c
    return Promise.resolve({
      match: (url: string) => {
        const bytes = cache.get(url)
        return Promise.resolve(
          bytes === undefined ? undefined : new Response(bytes as Uint8Array<ArrayBuffer>),
        )
      },
      put: async (url: string, res: Response) => {
        cache.set(url, new Uint8Array(await res.arrayBuffer()))
      },
      delete: (url: string) => Promise.resolve(cache.delete(url)),
    })
  }
}

/** `loader` that counts its calls by URL. */
function counting(loader: ByteLoader) {
  const calls: string[] = []
  const counted: ByteLoader = (url, options) => {
    calls.push(url)
    return loader(url, options)
  }
  return { calls, counted }
}

const URL_A = 'https://node.example/data/a.bin.gz'
const bytesOf = (url: string) => Promise.resolve(new TextEncoder().encode(`bytes of ${url}`))

describe('throughCache', () => {
  it('downloads a file once, then reads it from the cache with its size as progress', async () => {
    const storage = new MemoryCaches()
    const { calls, counted } = counting(bytesOf)
    const loader = throughCache(counted, storage, 'data')
    const first = await loader(URL_A, {})
    const sources: string[] = []
    const progress: [number, number | undefined][] = []
    const second = await loader(URL_A, {
      onSource: (s) => sources.push(s),
      onProgress: (done, total) => progress.push([done, total]),
    })
    expect(second).toEqual(first)
    expect(calls).toEqual([URL_A])
    expect(sources).toEqual(['cache'])
    expect(progress).toEqual([[first.length, first.length]])
    expect([...(storage.caches.get('data')?.keys() ?? [])]).toEqual([URL_A])
  })

  it('replaces the kept copy on reload', async () => {
    const storage = new MemoryCaches()
    let version = 1
    const { calls, counted } = counting(() =>
      Promise.resolve(new TextEncoder().encode(`v${version}`)),
    )
    const loader = throughCache(counted, storage, 'data')
    await loader(URL_A, {})
    version = 2
    expect(new TextDecoder().decode(await loader(URL_A, {}))).toBe('v1')
    expect(new TextDecoder().decode(await loader(URL_A, { reload: true }))).toBe('v2')
    expect(new TextDecoder().decode(await loader(URL_A, {}))).toBe('v2')
    expect(calls).toHaveLength(2)
  })

  it('still loads where the Cache API is missing or refuses', async () => {
    const { calls, counted } = counting(bytesOf)
    const refusing: CacheStorageLike = {
      open: () => Promise.reject(new DOMException('blocked', 'SecurityError')),
    }
    expect(await throughCache(counted, undefined)(URL_A, {})).toEqual(await bytesOf(URL_A))
    expect(await throughCache(counted, refusing)(URL_A, {})).toEqual(await bytesOf(URL_A))
    expect(calls).toEqual([URL_A, URL_A])
  })
})

describe('loadJobData through the cache', () => {
  it('downloads again a kept copy that fails its check (an older dataset at the same path)', async () => {
    const job = mlpJob()
    const storage = new MemoryCaches()
    const testUrl = new URL(job.dataset.test.path, PUBLIC_URL).href
    const trainUrl = new URL(job.dataset.train.path, PUBLIC_URL).href
    // The cache holds the train file under the test file's URL: it decodes, but fails the check.
    const cache = await storage.open('data')
    await cache.put(
      testUrl,
      new Response((await fileLoader(trainUrl, {})) as Uint8Array<ArrayBuffer>),
    )
    const { calls, counted } = counting(fileLoader)
    const data = await loadJobData(job, {
      loader: throughCache(counted, storage, 'data'),
      baseUrl: PUBLIC_URL,
      cache: new Map(),
    })
    expect(data.test.header.count).toBe(job.dataset.test.count)
    expect(calls).toEqual([trainUrl, testUrl])
    // The bad copy was replaced: a second load downloads nothing.
    await loadJobData(job, {
      loader: throughCache(counted, storage, 'data'),
      baseUrl: PUBLIC_URL,
      cache: new Map(),
    })
    expect(calls).toHaveLength(2)
  })

  it('does not download a second time when a fresh download fails its check', async () => {
    const job = mlpJob((j) => {
      j.dataset.test.sha256 = '0'.repeat(64)
    })
    const { calls, counted } = counting(fileLoader)
    await expect(
      loadJobData(job, {
        loader: throughCache(counted, new MemoryCaches(), 'data'),
        baseUrl: PUBLIC_URL,
        cache: new Map(),
      }),
    ).rejects.toMatchObject({
      name: 'DatasetError',
      message: expect.stringContaining('SHA-256') as unknown,
    })
    expect(calls.filter((u) => u.endsWith('mnist-test.bin.gz'))).toHaveLength(1)
  })
})
