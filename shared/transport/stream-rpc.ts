/**
 * Request/response over a libp2p stream: one length-prefixed request, one answer
 * (`status ‖ length ‖ bytes`), chunked with backpressure and capped in size before buffering.
 */
import type { AbortSignalLike, Result } from '../types/index.ts'

/**
 * The part of a libp2p 3.x `Stream` this module uses, named here so that `shared/` needs no
 * libp2p import; a real stream satisfies it.
 */
export interface ByteStream extends AsyncIterable<Uint8Array | { subarray(): Uint8Array }> {
  send(data: Uint8Array): boolean
  onDrain(options?: { signal?: AbortSignalLike }): Promise<void>
  close(): Promise<void>
  abort(err: Error): void
}

type Stream = ByteStream

/** Answer status bytes. */
const FOUND = 1
const MISSING = 0
/** Largest write handed to the stream at once. */
const CHUNK = 64 * 1024

/** Reads exactly the frames it is asked for from a stream's chunks. */
class FrameReader {
  readonly #it: AsyncIterator<Uint8Array | { subarray(): Uint8Array }>
  /** Chunks not yet consumed; joined only once a frame is complete (no copy per chunk). */
  #chunks: Uint8Array[] = []
  #buffered = 0
  constructor(stream: Stream) {
    this.#it = stream[Symbol.asyncIterator]()
  }
  async take(n: number): Promise<Uint8Array> {
    while (this.#buffered < n) {
      const next = await this.#it.next()
      if (next.done === true) throw new Error(`stream ended ${n - this.#buffered} bytes short`)
      const chunk = next.value instanceof Uint8Array ? next.value : next.value.subarray()
      this.#chunks.push(chunk)
      this.#buffered += chunk.length
    }
    const joined =
      this.#chunks.length === 1
        ? (this.#chunks[0] as Uint8Array)
        : concat(this.#chunks, this.#buffered)
    const out = joined.subarray(0, n)
    const rest = joined.subarray(n)
    this.#chunks = rest.length > 0 ? [rest] : []
    this.#buffered = rest.length
    return out
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

async function write(stream: Stream, bytes: Uint8Array, signal?: AbortSignalLike): Promise<void> {
  for (let at = 0; at < bytes.length; at += CHUNK) {
    if (!stream.send(bytes.subarray(at, at + CHUNK))) await stream.onDrain({ signal })
  }
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n)
  return b
}

const readU32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getUint32(0)

/** Client side: sends `data`, returns the answer or why there is none. */
export async function callStream(
  stream: Stream,
  data: Uint8Array,
  maxBytes: number,
  signal?: AbortSignalLike,
): Promise<Result<Uint8Array>> {
  try {
    await write(stream, u32(data.length), signal)
    await write(stream, data, signal)
    const reader = new FrameReader(stream)
    const status = (await reader.take(1))[0]
    if (status === MISSING) return { ok: false, reason: 'not found' }
    if (status !== FOUND) return { ok: false, reason: `bad answer status ${status}` }
    const length = readU32(await reader.take(4))
    if (length > maxBytes)
      return { ok: false, reason: `answer of ${length} bytes over ${maxBytes}` }
    return { ok: true, value: (await reader.take(length)).slice() }
  } catch (err) {
    return { ok: false, reason: `${(err as Error).name}: ${(err as Error).message}` }
  } finally {
    await stream.close().catch(() => stream.abort(new Error('close failed')))
  }
}

/** Server side: reads one request of at most `maxRequest` bytes and writes the handler's answer. */
export async function serveStream(
  stream: Stream,
  maxRequest: number,
  handler: (request: Uint8Array) => Promise<Uint8Array | undefined>,
): Promise<void> {
  try {
    const reader = new FrameReader(stream)
    const length = readU32(await reader.take(4))
    if (length > maxRequest) throw new Error(`request of ${length} bytes over ${maxRequest}`)
    const answer = await handler((await reader.take(length)).slice())
    if (answer === undefined) await write(stream, new Uint8Array([MISSING]))
    else {
      await write(stream, new Uint8Array([FOUND]))
      await write(stream, u32(answer.length))
      await write(stream, answer)
    }
    await stream.close()
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  }
}
