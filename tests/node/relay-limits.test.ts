/**
 * The relay process under a client that asks for checkpoints in a loop: over HTTP and over the
 * libp2p `checkpoint` protocol it gets at most its rate, and the refusals are counted.
 */
import { noise } from '@libp2p/noise'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHECKPOINT_PROTOCOL } from '../../shared/node/index.ts'
import { callStream } from '../../shared/transport/stream-rpc.ts'
import { CHECKPOINT_RATE } from '../../relay/constants.ts'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'

const JOB = 'a'.repeat(64)

async function rateLimited(relay: RelayProcess, route: string): Promise<number> {
  const text = await (await fetch(relay.href('/metrics'))).text()
  const line = new RegExp(`^relay_http_rate_limited_total\\{route="${route}"\\} (\\d+)$`, 'm')
  return Number(line.exec(text)?.[1] ?? 0)
}

describe('relay rate limits', () => {
  let relay: RelayProcess
  beforeAll(async () => {
    relay = await spawnRelay({ staticDir: 'public' })
  })
  afterAll(async () => {
    await relay.stop()
    await removeDataDir(relay.dataDir)
  })

  it('answers an HTTP client in a loop at most its burst and rate, then 429', async () => {
    const started = Date.now()
    let answered = 0
    let limited = 0
    for (let i = 0; i < 100; i++) {
      const res = await fetch(relay.href(`/api/checkpoint/${JOB}`))
      await res.arrayBuffer()
      if (res.status === 429) {
        limited++
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      } else answered++
    }
    const seconds = (Date.now() - started) / 1000
    expect(answered).toBeLessThanOrEqual(
      CHECKPOINT_RATE.burst + Math.ceil(seconds * CHECKPOINT_RATE.perSecond) + 1,
    )
    expect(limited).toBeGreaterThan(0)
    expect(await rateLimited(relay, 'checkpoint')).toBe(limited)
  })

  it('answers a libp2p peer in a loop at most its burst and rate', async () => {
    const client = await createLibp2p({
      transports: [webSockets()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
    })
    try {
      const addr = multiaddr(relay.multiaddrs[0] ?? '')
      const started = Date.now()
      let answered = 0
      for (let i = 0; i < 60; i++) {
        const stream = await client.dialProtocol(addr, `/swarm/${CHECKPOINT_PROTOCOL}/1.0.0`, {
          signal: AbortSignal.timeout(5_000),
        })
        const got = await callStream(stream, new TextEncoder().encode(JOB), 1024)
        // The archive has no checkpoint of this job: an answered request says "not found".
        if (got.ok || got.reason === 'not found') answered++
      }
      const seconds = (Date.now() - started) / 1000
      expect(answered).toBeGreaterThanOrEqual(CHECKPOINT_RATE.burst)
      expect(answered).toBeLessThanOrEqual(
        CHECKPOINT_RATE.burst + Math.ceil(seconds * CHECKPOINT_RATE.perSecond) + 1,
      )
      expect(await rateLimited(relay, 'libp2p-checkpoint')).toBe(60 - answered)
    } finally {
      await client.stop()
    }
  })
})
