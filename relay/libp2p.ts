/**
 * The relay's libp2p node: WebSockets listener, circuit-relay-v2 server, identify, ping,
 * gossipsub and pubsub peer discovery. No WebRTC here: tabs use the relay only to find each
 * other and to signal, then talk directly (docs/ARCHITECTURE.md, "The parts").
 */
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { PrivateKey } from '@libp2p/interface'
import { noise } from '@libp2p/noise'
import { ping } from '@libp2p/ping'
import { pubsubPeerDiscovery } from '@libp2p/pubsub-peer-discovery'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import type { RelayConfig } from './config.ts'
import { DISCOVERY_TOPIC, LOBBY_TOPIC, GOSSIP_SCORE_PARAMS } from '../shared/network/index.ts'

/** Creates (but does not start) the relay's libp2p node. */
export async function createRelayNode(config: RelayConfig, privateKey: PrivateKey) {
  const node = await createLibp2p({
    privateKey,
    start: false,
    addresses: {
      listen: [`/ip4/${config.host}/tcp/${config.wsPort}/ws`],
      announce: [...config.announce],
    },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: config.maxReservations + 64 },
    peerDiscovery: [pubsubPeerDiscovery({ topics: [DISCOVERY_TOPIC], listenOnly: true })],
    services: {
      identify: identify(),
      ping: ping(),
      // Default per-connection limits stay on (2 min, 128 KiB): relayed links are for
      // signalling WebRTC, never for payloads (../shared/notes/probe-libp2p.md).
      relay: circuitRelayServer({ reservations: { maxReservations: config.maxReservations } }),
      pubsub: gossipsub({
        scoreParams: { ...GOSSIP_SCORE_PARAMS },
        allowPublishToZeroTopicPeers: true,
        runOnLimitedConnection: true,
      }),
    },
  })
  return node
}

/** The relay's libp2p node type. */
export type RelayNode = Awaited<ReturnType<typeof createRelayNode>>

/**
 * Subscribes the relay to the swarm's topics so it forwards gossip between tabs that have no
 * direct link yet (universal-connectivity#74: gossip dies after relay expiry otherwise).
 */
export function joinTopics(node: RelayNode): void {
  node.services.pubsub.subscribe(DISCOVERY_TOPIC)
  node.services.pubsub.subscribe(LOBBY_TOPIC)
}
