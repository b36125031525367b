/**
 * Starts and stops the whole relay: the libp2p node and the HTTP server, as one unit.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LOBBY_TOPIC } from '../shared/network/index.ts'
import type { RelayConfig } from './config.ts'
import { peerIdFromString } from '@libp2p/peer-id'
import { CHECKPOINT_PROTOCOL } from '../shared/node/index.ts'
import { callStream, serveStream } from '../shared/transport/stream-rpc.ts'
import { CheckpointArchive, type ArchiveNetwork } from './archive.ts'
import { GenesisRegistry } from './genesis.ts'
import { createHttpServer } from './http.ts'
import { loadOrCreateKey } from './key.ts'
import { createRelayNode, joinTopics, type RelayNode } from './libp2p.ts'
import {
  ARCHIVE_REQUEST_MS,
  CHECKPOINT_RATE,
  MAX_RATE_CLIENTS,
  SERVE_EXCHANGE_MS,
  SERVE_REQUEST_MS,
} from './constants.ts'
import { ServedJobs } from './jobs.ts'
import { Metrics } from './metrics.ts'
import { RateLimiter } from './rate-limit.ts'

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
  metrics.gauge('connections', 'Open libp2p connections', () => node.getConnections().length)
  metrics.gauge('peers', 'Connected libp2p peers', () => node.getPeers().length)
  metrics.gauge(
    'reservations',
    'Circuit-relay reservations held',
    () => node.services.relay.reservations.size,
  )
  metrics.gauge('uptime_seconds', 'Seconds since the relay started', () =>
    Math.round((Date.now() - startedAt) / 1000),
  )

  const jobs = new ServedJobs(config.staticDir, config.jobsDir)
  const genesis = new GenesisRegistry(config.dataDir, jobs)
  const archive = new CheckpointArchive(config.dataDir, jobs, genesis)
  const checkpointProtocol = `/swarm/${CHECKPOINT_PROTOCOL}/1.0.0`
  // Tabs (and tests) may fetch the archive over libp2p too; the request names the job. Each
  // answer is the whole log, so each peer gets the same rate as an IP over HTTP.
  const checkpointRate = new RateLimiter(CHECKPOINT_RATE, { maxClients: MAX_RATE_CLIENTS })
  await node.handle(
    checkpointProtocol,
    (stream, connection) => {
      if (!checkpointRate.take(connection.remotePeer.toString()).ok) {
        metrics.count('http_rate_limited_total', { route: 'libp2p-checkpoint' })
        stream.abort(new Error('rate limited'))
        return
      }
      // The same deadlines as a tab's node (shared/transport): the request within 10 s, the whole
      // exchange within 60 s, so an idle or slow-reading peer cannot hold the stream.
      const requestSignal = AbortSignal.timeout(SERVE_REQUEST_MS)
      const signal = AbortSignal.timeout(SERVE_EXCHANGE_MS)
      void serveStream(stream, 256, async (req) => archive.latest(new TextDecoder().decode(req)), {
        requestSignal,
        signal,
        onRefuse: (reason) => metrics.count('stream_refused_total', { reason }),
      })
    },
    { runOnLimitedConnection: false },
  )
  const net: ArchiveNetwork = {
    peers: () => node.getPeers().map((p) => p.toString()),
    request: async (peer, protocol, data, maxBytes) => {
      try {
        // One deadline for the dial and the answer: a peer that accepts the stream and never
        // answers (or trickles) cannot hold the archive's poll.
        const signal = AbortSignal.timeout(ARCHIVE_REQUEST_MS)
        const stream = await node.dialProtocol(peerIdFromString(peer), `/swarm/${protocol}/1.0.0`, {
          signal,
        })
        const got = await callStream(stream, data, maxBytes, signal)
        return got.ok ? got.value : undefined
      } catch {
        return undefined
      }
    },
  }
  let polling = false
  const archiveTimer = setInterval(() => {
    if (polling) return
    polling = true
    archive.poll(net).then(
      () => (polling = false),
      () => (polling = false),
    )
  }, config.archiveIntervalMs)
  metrics.gauge(
    'archive_stored',
    'Checkpoints the archive verified and stored',
    () => archive.counts.stored,
  )
  metrics.gauge(
    'archive_refused',
    'Checkpoints the archive refused (did not verify)',
    () => archive.counts.refused,
  )
  metrics.gauge(
    'archive_probes',
    'Sync probes the archive sent to tabs',
    () => archive.counts.probes,
  )

  const http = createHttpServer({
    archive,
    genesis,
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
        clearInterval(archiveTimer)
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
