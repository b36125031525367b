/**
 * Starts and stops the whole relay: the libp2p node and the HTTP server, as one unit.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LOBBY_TOPIC } from '../shared/network/index.ts'
import type { RelayConfig } from './config.ts'
import { GenesisRegistry } from './genesis.ts'
import { createHttpServer } from './http.ts'
import { loadOrCreateKey } from './key.ts'
import { createRelayNode, joinTopics, type RelayNode } from './libp2p.ts'
import { Metrics } from './metrics.ts'

/** A running relay. */
export interface RunningRelay {
  readonly peerId: string
  /** The app's URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string
  readonly httpPort: number
  readonly wsPort: number
  /** The relay's own WebSockets multiaddrs (with `/p2p/<id>`). */
  readonly multiaddrs: string[]
  readonly keyCreated: boolean
  readonly node: RelayNode
  readonly metrics: Metrics
  stop(): Promise<void>
}

/** Starts the relay described by `config`. */
export async function startRelay(config: RelayConfig): Promise<RunningRelay> {
  const { key, created } = await loadOrCreateKey(config.dataDir)
  const node = await createRelayNode(config, key)
  const metrics = new Metrics()
  const startedAt = Date.now()
  const addrs = () => node.getMultiaddrs().map((m) => m.toString())

  await node.start()
  joinTopics(node)
  node.addEventListener('connection:open', () => metrics.count('connections_opened_total'))
  node.addEventListener('connection:close', () => metrics.count('connections_closed_total'))
  // A reservation outlives its tab by hours (the server only expires it by TTL), so churning
  // tabs would fill the table. A peer that is gone needs no reservation: drop it.
  node.addEventListener('peer:disconnect', (evt) => {
    if (node.services.relay.reservations.delete(evt.detail))
      metrics.count('reservations_released_total')
  })
  node.services.pubsub.addEventListener('message', (evt) => {
    if (evt.detail.topic === LOBBY_TOPIC) metrics.count('lobby_messages_total')
  })
  metrics.gauge('connections', () => node.getConnections().length)
  metrics.gauge('peers', () => node.getPeers().length)
  metrics.gauge('reservations', () => node.services.relay.reservations.size)
  metrics.gauge('uptime_seconds', () => Math.round((Date.now() - startedAt) / 1000))

  const http = createHttpServer({
    genesis: new GenesisRegistry(config.dataDir),
    staticDir: config.staticDir,
    metrics,
    peerId: () => node.peerId.toString(),
    listeningAddrs: addrs,
    announcedAddrs: () =>
      config.announce.map((a) => (a.includes('/p2p/') ? a : `${a}/p2p/${node.peerId.toString()}`)),
    health: () => ({
      peerId: node.peerId.toString(),
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      connections: node.getConnections().length,
      reservations: node.services.relay.reservations.size,
    }),
  })
  let httpPort: number
  try {
    httpPort = await listen(http, config.host, config.httpPort)
  } catch (err) {
    await node.stop()
    throw err
  }
  const wsPort = Number(addrs()[0]?.match(/\/tcp\/(\d+)\//)?.[1] ?? config.wsPort)
  const urlHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${httpPort}/`

  let stopping: Promise<void> | undefined
  return {
    peerId: node.peerId.toString(),
    url,
    httpPort,
    wsPort,
    multiaddrs: addrs(),
    keyCreated: created,
    node,
    metrics,
    stop: () =>
      (stopping ??= (async () => {
        http.closeAllConnections()
        await new Promise<void>((done) => http.close(() => done()))
        await node.stop()
      })()),
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => {
      server.off('error', fail)
      done((server.address() as AddressInfo).port)
    })
  })
}
