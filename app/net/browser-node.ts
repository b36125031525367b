/**
 * The browser's libp2p node: WebSockets to the relay, circuit relay for signalling, WebRTC for
 * direct links to other tabs, gossipsub for small messages, pubsub peer discovery.
 * Configuration facts are from ../shared/notes/probe-libp2p.md.
 */
import { bootstrap } from '@libp2p/bootstrap'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { noise } from '@libp2p/noise'
import { ping } from '@libp2p/ping'
import { pubsubPeerDiscovery } from '@libp2p/pubsub-peer-discovery'
import { webRTC } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import type { PrivateKey } from '@libp2p/interface'
import { createLibp2p } from 'libp2p'
import type { TrafficCounter } from '../../shared/metrics/index.ts'
import {
  DISCOVERY_INTERVAL_MS,
  DISCOVERY_TOPIC,
  GOSSIP_SCORE_PARAMS,
} from '../../shared/network/index.ts'
import { trafficMetrics } from './traffic-meter.ts'

/** Options for the browser node. */
export interface BrowserNodeOptions {
  readonly relayAddrs: readonly string[]
  /** ICE servers for WebRTC; none by default (host candidates work on a LAN and on loopback). */
  readonly iceServers?: RTCIceServer[]
  /** The libp2p key, so the peer id survives reloads; a fresh one when absent. */
  readonly privateKey?: PrivateKey
  /** Counts the bytes of every protocol stream (see `traffic-meter.ts`). */
  readonly traffic?: TrafficCounter
}

/** Creates and starts the browser's libp2p node. */
export async function createBrowserNode(options: BrowserNodeOptions) {
  return createLibp2p({
    ...(options.privateKey === undefined ? {} : { privateKey: options.privateKey }),
    ...(options.traffic === undefined ? {} : { metrics: trafficMetrics(options.traffic) }),
    addresses: { listen: ['/p2p-circuit', '/webrtc'] },
    transports: [
      webSockets(),
      webRTC({ rtcConfiguration: { iceServers: options.iceServers ?? [] } }),
      circuitRelayTransport(),
    ],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // The browser defaults refuse ws:// and private addresses; the relay is often both (dev, LAN).
    connectionGater: { denyDialMultiaddr: () => false },
    connectionManager: { reconnectRetries: 10, reconnectRetryInterval: 1_000 },
    peerDiscovery: [
      bootstrap({ list: [...options.relayAddrs], timeout: 0 }),
      pubsubPeerDiscovery({ interval: DISCOVERY_INTERVAL_MS, topics: [DISCOVERY_TOPIC] }),
    ],
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        scoreParams: { ...GOSSIP_SCORE_PARAMS },
        allowPublishToZeroTopicPeers: true,
      }),
    },
  })
}

/** The browser node's type. */
export type BrowserNode = Awaited<ReturnType<typeof createBrowserNode>>
