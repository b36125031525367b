/**
 * The relay keeps forwarding gossip and releases reservations while many peers from one IP come
 * and go (as tabs on one machine or behind one NAT do).
 */
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { noise } from '@libp2p/noise'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOSSIP_SCORE_PARAMS, LOBBY_TOPIC } from '../../shared/network/index.ts'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'

async function client(relayAddr: string) {
  const node = await createLibp2p({
    addresses: { listen: ['/p2p-circuit'] },
    transports: [webSockets(), circuitRelayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        scoreParams: { ...GOSSIP_SCORE_PARAMS },
        allowPublishToZeroTopicPeers: true,
      }),
    },
  })
  node.services.pubsub.subscribe(LOBBY_TOPIC)
  await node.dial(multiaddr(relayAddr))
  return node
}

async function gauge(relay: RelayProcess, name: string): Promise<number> {
  const text = await (await fetch(relay.href('/metrics'))).text()
  return Number(new RegExp(`^relay_${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN)
}

const until = async (check: () => Promise<boolean> | boolean, ms: number) => {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

describe('relay under churn from one IP', () => {
  let relay: RelayProcess
  beforeAll(async () => {
    relay = await spawnRelay()
  })
  afterAll(async () => {
    await relay.stop()
    await removeDataDir(relay.dataDir)
  })

  it('still forwards gossip between new peers after 16 peers came and went', async () => {
    const addr = relay.multiaddrs[0] ?? ''
    for (let i = 0; i < 4; i++) {
      const batch = await Promise.all([client(addr), client(addr), client(addr), client(addr)])
      // Stay long enough for a gossipsub heartbeat to score them, as a real tab would.
      await new Promise((r) => setTimeout(r, 1_200))
      await Promise.all(batch.map(async (n) => n.stop()))
    }
    expect(await until(async () => (await gauge(relay, 'reservations')) === 0, 5_000)).toBe(true)

    const [a, b] = await Promise.all([client(addr), client(addr)])
    try {
      const received: string[] = []
      b.services.pubsub.addEventListener('message', (e) =>
        received.push(new TextDecoder().decode(e.detail.data)),
      )
      // Wait until the relay has grafted both into the topic mesh.
      await new Promise((r) => setTimeout(r, 2_500))
      await a.services.pubsub.publish(LOBBY_TOPIC, new TextEncoder().encode('after churn'))
      expect(await until(() => received.includes('after churn'), 10_000)).toBe(true)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })
})
