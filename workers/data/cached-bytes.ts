/**
 * Reading dataset files through the Cache API, so that a first visit downloads each file once
 * and later visits (online or offline) read it from this browser.
 *
 * @remarks
 * The service worker does not precache the datasets: it would download them a second time, in
 * parallel with the trainer worker's own download on the first visit (the worker is not
 * controlled by a service worker that is still installing). Instead the trainer worker stores
 * what it downloads in `DATA_CACHE_NAME`, the cache the service worker's runtime route for
 * `/data/*.gz` reads (`vite.config.ts`), so a page that the service worker controls gets the same
 * copy. A cached copy that fails its check (the dataset changed at the same path) is replaced
 * through `reload` (see `load.ts`).
 */
import { DATA_CACHE_NAME } from '../constants.ts'
import type { ByteLoader } from './fetch-bytes.ts'

/** The part of `CacheStorage` used here. */
export interface CacheStorageLike {
  open(name: string): Promise<{
    match(url: string): Promise<Response | undefined>
    put(url: string, response: Response): Promise<void>
    delete(url: string): Promise<boolean>
  }>
}

/**
 * `loader` behind the cache `cacheName` of `storage`: a hit is read from the cache, a miss is
 * downloaded by `loader` and stored. Where the browser refuses the Cache API (no secure context,
 * storage blocked or full) it is bypassed: the bytes still load, they are only not kept.
 */
export function throughCache(
  loader: ByteLoader,
  storage: CacheStorageLike | undefined,
  cacheName: string = DATA_CACHE_NAME,
): ByteLoader {
  if (storage === undefined) return loader
  return async (url, options) => {
    const cache = await storage.open(cacheName).catch(() => undefined)
    if (cache === undefined) return loader(url, options)
    if (options.reload === true) await cache.delete(url).catch(() => false)
    else {
      const hit = await cache.match(url).catch(() => undefined)
      if (hit?.ok === true) {
        const bytes = new Uint8Array(await hit.arrayBuffer())
        options.onSource?.('cache')
        options.onProgress?.(bytes.length, bytes.length)
        return bytes
      }
    }
    const bytes = await loader(url, options)
    const body = bytes as Uint8Array<ArrayBuffer>
    const stored = new Response(body, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(bytes.length),
      },
    })
    // Keeping a copy is an optimisation: a full disk must not fail the download it follows.
    await cache.put(url, stored).catch(() => undefined)
    return bytes
  }
}

/** The browser's dataset loader: `fetch` behind the data cache where the Cache API exists. */
export function browserDataLoader(loader: ByteLoader): ByteLoader {
  const storage = (globalThis as { caches?: CacheStorageLike }).caches
  return throughCache(loader, storage)
}
