/**
 * Request/response over a libp2p stream: one length-prefixed request, one answer
 * (`status ‖ length ‖ bytes`), chunked with backpressure and capped in size before buffering.
 * Every read and write races the caller's deadline signals; when one fires, the stream is aborted.
 */
import type { AbortSignalLike, Result } from '../types/index.ts'
import { StreamEndedError } from './errors.ts'

/**
 * The part of a libp2p 3.x `Stream` this module uses, named here so that `shared/` needs no
 * libp2p import; a real stream satisfies it.
 */
export interface ByteStream extends AsyncIterable<Uint8Array | { subarray(): Uint8Array }> {
  send(data: Uint8Array): boolean
  onDrain(options?: { signal?: AbortSignalLike }): Promise<void>
  close(options?: { signal?: AbortSignalLike }): Promise<void>
  abort(err: Error): void
}

type Stream = ByteStream
type Signals = readonly (AbortSignalLike | undefined)[]

/**
 * Why a served stream was refused. A fixed set, so counters keyed on it stay bounded whatever
 * peers send.
 */
export const STREAM_REFUSALS = [
  /** The request was not whole before the request deadline. */
  'request-timeout',
  /** The request's length prefix was over the bound (refused before its bytes are buffered). */
  'request-too-large',
  /** The stream ended before the request was whole. */
  'request-truncated',
  /** The handler threw. */
  'handler-failed',
  /** The handler or the answer's write outlived the exchange's deadline (a slow reader). */
  'answer-timeout',
  /** The stream failed under us (reset by the peer, closed while writing). */
  'stream-error',
] as const

/** One of `STREAM_REFUSALS`. */
export type StreamRefusal = (typeof STREAM_REFUSALS)[number]

/** Refused streams by reason. */
export type RefusalCounts = Record<StreamRefusal, number>

/** A zero count for every refusal reason. */
export function noRefusals(): RefusalCounts {
  return Object.fromEntries(STREAM_REFUSALS.map((r) => [r, 0])) as RefusalCounts
}

/** Deadlines and reporting of the serving side. */
export interface ServeOptions {
  /** Bounds the wait for the request: a peer that opens a stream and sends nothing is cut off. */
  readonly requestSignal?: AbortSignalLike
  /** Bounds the whole exchange: request, handler and answer (a peer that reads slowly). */
  readonly signal?: AbortSignalLike
  /** Told once for every stream refused, with why. */
  readonly onRefuse?: (reason: StreamRefusal) => void
}

/** Answer status bytes. */
const FOUND = 1
const MISSING = 0
/** Largest write handed to the stream at once. */
const CHUNK = 64 * 1024

const isAborted = (signals: Signals) => signals.some((s) => s?.aborted === true)

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)))

const abortReason = (signal: AbortSignalLike): Error =>
  signal.reason instanceof Error ? signal.reason : new Error(`aborted: ${String(signal.reason)}`)

/** Settles like `promise`, or rejects with a signal's reason as soon as one aborts. */
function race<T>(promise: Promise<T>, signals: Signals): Promise<T> {
  const live = signals.filter((s): s is AbortSignalLike => s !== undefined)
  if (live.length === 0) return promise
  const fired = live.find((s) => s.aborted)
  if (fired !== undefined) {
    promise.catch(() => undefined)
    return Promise.reject(abortReason(fired))
  }
  return new Promise<T>((resolve, reject) => {
    const listeners = live.map((s) => {
      const listener = () => {
        off()
        reject(abortReason(s))
      }
      s.addEventListener('abort', listener, { once: true })
      return listener
    })
    const off = () => live.forEach((s, i) => s.removeEventListener('abort', listeners[i]!))
    promise.then(
      (value) => {
        off()
        resolve(value)
      },
      (err: unknown) => {
        off()
        reject(asError(err))
      },
    )
  })
}

/** Reads exactly the frames it is asked for from a stream's chunks. */
class FrameReader {
  readonly #it: AsyncIterator<Uint8Array | { subarray(): Uint8Array }>
  /** Chunks not yet consumed; joined only once a frame is complete (no copy per chunk). */
  #chunks: Uint8Array[] = []
  #buffered = 0
  constructor(stream: Stream) {
    this.#it = stream[Symbol.asyncIterator]()
  }
  /** The next `n` bytes; rejects when the stream ends first or a signal aborts. */
  async take(n: number, signals: Signals): Promise<Uint8Array> {
    while (this.#buffered < n) {
      const next = await race(this.#it.next(), signals)
      if (next.done === true)
        throw new StreamEndedError(`stream ended ${n - this.#buffered} bytes short`)
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
    if (signal?.aborted === true) throw abortReason(signal)
    if (!stream.send(bytes.subarray(at, at + CHUNK)))
      await race(stream.onDrain({ signal }), [signal])
  }
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n)
  return b
}

const readU32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getUint32(0)

/**
 * Client side: sends `data`, returns the answer or why there is none.
 *
 * @param signal - the request's deadline (and its caller's cancel): every write and read races
 *   it, and the stream is aborted when it fires.
 */
export async function callStream(
  stream: Stream,
  data: Uint8Array,
  maxBytes: number,
  signal?: AbortSignalLike,
): Promise<Result<Uint8Array>> {
  const signals = [signal]
  let result: Result<Uint8Array>
  try {
    await write(stream, u32(data.length), signal)
    await write(stream, data, signal)
    const reader = new FrameReader(stream)
    const status = (await reader.take(1, signals))[0]
    if (status === MISSING) result = { ok: false, reason: 'not found' }
    else if (status !== FOUND) result = { ok: false, reason: `bad answer status ${status}` }
    else {
      const length = readU32(await reader.take(4, signals))
      result =
        length > maxBytes
          ? { ok: false, reason: `answer of ${length} bytes over ${maxBytes}` }
          : { ok: true, value: (await reader.take(length, signals)).slice() }
    }
  } catch (err) {
    const e = asError(err)
    stream.abort(e)
    return { ok: false, reason: `${e.name}: ${e.message}` }
  }
  // An answer we refuse is not read on: reset the stream rather than let the peer keep sending.
  if (!result.ok && result.reason !== 'not found') stream.abort(new Error(result.reason))
  else await race(stream.close({ signal }), signals).catch((err) => stream.abort(asError(err)))
  return result
}

/**
 * Server side: reads one request of at most `maxRequest` bytes and writes the handler's answer.
 * A stream that breaks a bound or a deadline is aborted and reported to `onRefuse`.
 */
export async function serveStream(
  stream: Stream,
  maxRequest: number,
  handler: (request: Uint8Array) => Promise<Uint8Array | undefined>,
  options: ServeOptions = {},
): Promise<void> {
  const { signal } = options
  const refuse = (reason: StreamRefusal, err: unknown) => {
    options.onRefuse?.(reason)
    stream.abort(asError(err))
  }
  const reading = [options.requestSignal, signal]
  let request: Uint8Array
  try {
    const reader = new FrameReader(stream)
    const length = readU32(await reader.take(4, reading))
    if (length > maxRequest)
      return refuse('request-too-large', `request of ${length} bytes over ${maxRequest}`)
    request = (await reader.take(length, reading)).slice()
  } catch (err) {
    const reason = isAborted(reading)
      ? 'request-timeout'
      : err instanceof StreamEndedError
        ? 'request-truncated'
        : 'stream-error'
    return refuse(reason, err)
  }
  let answer: Uint8Array | undefined
  try {
    answer = await race(handler(request), [signal])
  } catch (err) {
    return refuse(isAborted([signal]) ? 'answer-timeout' : 'handler-failed', err)
  }
  try {
    if (answer === undefined) await write(stream, new Uint8Array([MISSING]), signal)
    else {
      await write(stream, new Uint8Array([FOUND]), signal)
      await write(stream, u32(answer.length), signal)
      await write(stream, answer, signal)
    }
    await race(stream.close({ signal }), [signal])
  } catch (err) {
    refuse(isAborted([signal]) ? 'answer-timeout' : 'stream-error', err)
  }
}
