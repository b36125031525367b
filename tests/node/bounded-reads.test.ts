/**
 * Every read is bounded, on real libp2p (two Node peers, WebRTC through the real relay): a
 * request to a peer that never answers, or answers one byte a second, ends not-ok within its
 * timeout; a peer that opens a stream and never sends its request is cut off by the server's
 * deadline, and the refusal is counted.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SwarmClient } from '../../app/net/swarm-client.ts'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms
  while (Date.now() < end && !check()) await sleep(100)
  return check()
}
/** The request deadline under test, and the room the issue gives past it. */
const TIMEOUT_MS = 2_000
const SLACK_MS = 1_000

describe('bounded reads on libp2p', () => {
  let relay: RelayProcess
  let a: SwarmClient
  let b: SwarmClient

  beforeAll(async () => {
    relay = await spawnRelay()
    a = new SwarmClient()
    b = new SwarmClient()
    await a.start(relay.url)
    await b.start(relay.url)
    // Requests travel over direct links only.
    const direct = (c: SwarmClient) => c.snapshot.peers.some((p) => p.connection === 'direct')
    if (!(await until(() => direct(a) && direct(b), 45_000))) throw new Error('no direct link')
  }, 90_000)

  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()])
    await relay.stop()
    await removeDataDir(relay.dataDir)
  })

  /** Sends a request to `b` on `protocol`; resolves to its result and how long it took. */
  const timed = async (protocol: string) => {
    const started = Date.now()
    const result = await a.transport!.request(b.transport!.self, protocol, Uint8Array.of(1), {
      maxBytes: 10_000,
      timeoutMs: TIMEOUT_MS,
    })
    return { result, ms: Date.now() - started }
  }

  it('a request to a handler that never answers is not-ok within its timeout', async () => {
    b.transport!.handle('bounded-silent', () => new Promise(() => undefined))
    const { result, ms } = await timed('bounded-silent')
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.reason).toMatch(/TimeoutError/)
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS)
  }, 30_000)

  it('a request answered one byte a second is not-ok within its timeout', async () => {
    let stopped = false
    // A hostile server, below the Transport: found, 1,000 bytes, then one byte a second.
    await b.node!.handle(
      '/swarm/bounded-trickle/1.0.0',
      async (stream) => {
        const answer = [1, 0, 0, 3, 232, ...new Array<number>(1000).fill(7)]
        for (const byte of answer) {
          if (stopped || stream.status !== 'open') return
          stream.send(Uint8Array.of(byte))
          await sleep(1_000)
        }
      },
      { runOnLimitedConnection: false },
    )
    try {
      const { result, ms } = await timed('bounded-trickle')
      expect(result.ok).toBe(false)
      expect(result.ok ? '' : result.reason).toMatch(/TimeoutError/)
      expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS)
    } finally {
      stopped = true
    }
  }, 30_000)

  it('a stream that never sends its request is cut off by the server and counted', async () => {
    b.transport!.handle('bounded-idle', () => Promise.resolve(Uint8Array.of(1)))
    const total = () => Object.values(b.transport!.refused).reduce((x, y) => x + y)
    const before = { timeouts: b.transport!.refused['request-timeout'], total: total() }
    const stream = await a.node!.dialProtocol(
      peerIdFromString(b.transport!.self),
      '/swarm/bounded-idle/1.0.0',
    )
    // The server's request deadline is 10 s; libp2p's own idle cut-off would be 120 s.
    expect(await until(() => stream.status !== 'open', 20_000)).toBe(true)
    expect(b.transport!.refused['request-timeout']).toBe(before.timeouts + 1)
    expect(total()).toBe(before.total + 1)
  }, 30_000)
})
