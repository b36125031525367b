/**
 * Stream RPC over an in-memory stream pair: answers, bounds, deadlines on both sides, and the
 * reason every refused stream is counted under.
 */
import { describe, expect, it } from 'vitest'
import {
  STREAM_REFUSALS,
  callStream,
  noRefusals,
  serveStream,
  type ByteStream,
  type StreamRefusal,
} from '../../../shared/transport/stream-rpc.ts'

/** One end of an in-memory duplex; `pair()` connects two. */
class End implements ByteStream {
  peer: End | undefined
  aborted: Error | undefined
  closed = false
  /** When false, `send` reports a full buffer and `onDrain` never resolves (a peer that stops reading). */
  drains = true
  readonly #queue: Uint8Array[] = []
  #ended = false
  #wake: (() => void) | undefined

  send(data: Uint8Array): boolean {
    if (this.aborted !== undefined || this.closed) throw new Error('stream not writable')
    this.peer?.push(data.slice())
    return this.drains
  }
  onDrain(): Promise<void> {
    return this.drains ? Promise.resolve() : new Promise(() => undefined)
  }
  close(): Promise<void> {
    this.closed = true
    this.peer?.end()
    return Promise.resolve()
  }
  abort(err: Error): void {
    if (this.aborted !== undefined) return
    this.aborted = err
    this.end()
    this.peer?.end()
  }
  push(chunk: Uint8Array): void {
    if (this.#ended) return
    this.#queue.push(chunk)
    this.#wake?.()
  }
  end(): void {
    this.#ended = true
    this.#wake?.()
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = this.#queue.shift()
      if (chunk !== undefined) yield chunk
      else if (this.#ended) return
      else await new Promise<void>((r) => (this.#wake = r))
    }
  }
}

function pair(): [End, End] {
  const a = new End()
  const b = new End()
  a.peer = b
  b.peer = a
  return [a, b]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const u32 = (n: number) => {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n)
  return b
}

/** A served end with a refusal counter, and the client end to drive it. */
function setup(
  handler: (req: Uint8Array) => Promise<Uint8Array | undefined>,
  deadlines: { requestMs?: number; exchangeMs?: number } = {},
) {
  const [client, server] = pair()
  const refused = noRefusals()
  const served = serveStream(server, 1024, handler, {
    ...(deadlines.requestMs === undefined
      ? {}
      : { requestSignal: AbortSignal.timeout(deadlines.requestMs) }),
    ...(deadlines.exchangeMs === undefined
      ? {}
      : { signal: AbortSignal.timeout(deadlines.exchangeMs) }),
    onRefuse: (r) => refused[r]++,
  })
  const only = (reason: StreamRefusal) => expect(refused).toEqual({ ...noRefusals(), [reason]: 1 })
  return { client, server, served, refused, only }
}

describe('callStream', () => {
  it('returns the answer and closes the stream', async () => {
    const { client, served, refused } = setup((req) => Promise.resolve(req.map((x) => x * 2)))
    const got = await callStream(client, Uint8Array.of(1, 2, 3), 100)
    await served
    expect(got).toEqual({ ok: true, value: Uint8Array.of(2, 4, 6) })
    expect(client.closed).toBe(true)
    expect(client.aborted).toBeUndefined()
    expect(refused).toEqual(noRefusals())
  })

  it('gives up when its signal fires while the peer never answers, and aborts the stream', async () => {
    const { client } = setup(() => new Promise(() => undefined))
    const got = await callStream(client, Uint8Array.of(1), 100, AbortSignal.timeout(50))
    expect(got.ok).toBe(false)
    expect(got.ok ? '' : got.reason).toMatch(/^TimeoutError/)
    expect(client.aborted).toBeDefined()
  })

  it('gives up when its signal fires while the answer trickles in a byte at a time', async () => {
    const [client, server] = pair()
    void (async () => {
      for (const byte of [1, ...u32(1000)]) {
        server.send(Uint8Array.of(byte))
        await sleep(30)
      }
      for (let i = 0; i < 1000 && server.aborted === undefined; i++) {
        server.send(Uint8Array.of(7))
        await sleep(30)
      }
    })()
    const got = await callStream(client, Uint8Array.of(1), 2000, AbortSignal.timeout(200))
    expect(got.ok).toBe(false)
    expect(server.aborted).toBeUndefined()
    expect(client.aborted).toBeDefined()
  })

  it('refuses an answer over its bound from the length prefix alone, and resets the stream', async () => {
    const { client } = setup(() => Promise.resolve(new Uint8Array(500)))
    const got = await callStream(client, Uint8Array.of(1), 100)
    expect(got).toEqual({ ok: false, reason: 'answer of 500 bytes over 100' })
    expect(client.aborted).toBeDefined()
  })

  it('ends at once when its signal is already aborted', async () => {
    const { client } = setup(() => new Promise(() => undefined))
    const got = await callStream(client, Uint8Array.of(1), 100, AbortSignal.abort())
    expect(got.ok).toBe(false)
    expect(client.aborted).toBeDefined()
  })
})

describe('serveStream', () => {
  it('cuts off a peer that opens a stream and never sends its request', async () => {
    const { server, served, only } = setup(() => Promise.resolve(Uint8Array.of(1)), {
      requestMs: 50,
      exchangeMs: 10_000,
    })
    await served
    expect(server.aborted?.name).toBe('TimeoutError')
    only('request-timeout')
  })

  it('cuts off a request that trickles in slower than the request deadline', async () => {
    const { client, server, served, only } = setup(() => Promise.resolve(Uint8Array.of(1)), {
      requestMs: 100,
    })
    void (async () => {
      for (const byte of [...u32(10), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
        if (client.aborted !== undefined) return
        client.send(Uint8Array.of(byte))
        await sleep(30)
      }
    })()
    await served
    expect(server.aborted).toBeDefined()
    only('request-timeout')
  })

  it('refuses a request over its bound from the length prefix, before reading it', async () => {
    let called = false
    const { client, server, served, only } = setup(() => {
      called = true
      return Promise.resolve(undefined)
    })
    client.send(u32(1025))
    await served
    expect(called).toBe(false)
    expect(server.aborted?.message).toBe('request of 1025 bytes over 1024')
    only('request-too-large')
  })

  it('refuses a request whose stream ends before it is whole', async () => {
    const { client, served, only } = setup(() => Promise.resolve(undefined))
    client.send(u32(10))
    client.send(Uint8Array.of(1, 2))
    await client.close()
    await served
    only('request-truncated')
  })

  it('counts a handler that throws, and the client gets a failure', async () => {
    const { client, served, only } = setup(() => Promise.reject(new Error('handler bug')))
    const got = await callStream(client, Uint8Array.of(1), 100, AbortSignal.timeout(5_000))
    await served
    expect(got.ok).toBe(false)
    only('handler-failed')
  })

  it('cuts off a handler that outlives the exchange deadline', async () => {
    const { client, server, served, only } = setup(() => new Promise(() => undefined), {
      exchangeMs: 50,
    })
    const got = callStream(client, Uint8Array.of(1), 100)
    await served
    expect(server.aborted).toBeDefined()
    expect((await got).ok).toBe(false)
    only('answer-timeout')
  })

  it('cuts off a peer that stops reading the answer', async () => {
    const { client, server, served, only } = setup(() => Promise.resolve(new Uint8Array(10)), {
      exchangeMs: 50,
    })
    server.drains = false
    client.send(u32(1))
    client.send(Uint8Array.of(1))
    await served
    expect(server.aborted).toBeDefined()
    only('answer-timeout')
  })

  it('answers a miss without counting a refusal', async () => {
    const { client, served, refused } = setup(() => Promise.resolve(undefined), {
      requestMs: 1_000,
      exchangeMs: 1_000,
    })
    expect(await callStream(client, Uint8Array.of(1), 100)).toEqual({
      ok: false,
      reason: 'not found',
    })
    await served
    expect(refused).toEqual(noRefusals())
  })

  it('counts under a fixed set of reasons', () => {
    expect(Object.keys(noRefusals())).toEqual([...STREAM_REFUSALS])
  })
})
