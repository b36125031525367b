/** Reading a dataset file's bytes: over HTTP in the browser, injectable for Node. */
import type { AbortSignalLike } from '../../shared/types/index.ts'
import { DatasetError } from '../errors.ts'

/** Options of a byte loader. */
export interface LoadOptions {
  readonly signal?: AbortSignalLike
  /** Called as bytes arrive; `total` when the size is known. */
  readonly onProgress?: (loaded: number, total?: number) => void
  /** Told where the bytes came from, by a loader that can serve them from a cache. */
  readonly onSource?: (source: 'cache' | 'network') => void
  /** Do not use a kept copy (it failed its check): download again and replace it. */
  readonly reload?: boolean
}

/** Reads the whole resource at `url`; throws `DatasetError` when it is missing. */
export type ByteLoader = (url: string, options: LoadOptions) => Promise<Uint8Array>

/** The browser loader: `fetch` with streamed progress (same-origin files under `public/`). */
export const fetchBytes: ByteLoader = async (url, { signal, onProgress, onSource }) => {
  onSource?.('network')
  let res: Response
  try {
    res = await fetch(url, { signal: signal as AbortSignal | undefined })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new DatasetError(`${url}: could not be fetched (${(err as Error).message})`)
  }
  if (!res.ok) throw new DatasetError(`${url}: missing (HTTP ${res.status} ${res.statusText})`)
  const header = res.headers.get('content-length')
  // With Content-Encoding the length counts compressed bytes, not what the body yields.
  const total =
    header !== null && res.headers.get('content-encoding') === null ? Number(header) : undefined
  if (res.body === null) return new Uint8Array(await res.arrayBuffer())
  const chunks: Uint8Array[] = []
  let loaded = 0
  const reader = res.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    loaded += value.length
    onProgress?.(loaded, total)
  }
  if (total !== undefined && loaded !== total) {
    throw new DatasetError(`${url}: truncated download (${loaded} of ${total} bytes)`)
  }
  return concat(chunks, loaded)
}

/** Joins chunks into one array. */
export function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.length === length) return chunks[0]
  const out = new Uint8Array(length)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
