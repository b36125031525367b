/**
 * The `Transport` of `shared/transport` over a js-libp2p node: gossipsub for topics, connection
 * kinds from libp2p connection limits (`limits == null` means direct).
 */
import type { Message } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import {
  callStream,
  noRefusals,
  serveStream,
  type RefusalCounts,
} from '../../shared/transport/stream-rpc.ts'
import type {
  ConnectionKind,
  GossipMessage,
  PeerInfo,
  PublishResult,
  RequestHandler,
  RequestOptions,
  Transport,
  TransportEvents,
  Unsubscribe,
} from '../../shared/transport/index.ts'
import type { TrafficCounter } from '../../shared/metrics/index.ts'
import type { PeerIdString, Result, Topic } from '../../shared/types/index.ts'
import type { BrowserNode } from './browser-node.ts'

/** Largest request accepted by a handler (requests name things; answers carry the bytes). */
const MAX_REQUEST_BYTES = 64 * 1024
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
/**
 * How long a served stream may take to deliver its request. Requests are at most 64 KiB and sent
 * as soon as the stream opens, which a direct link carries in well under a second; the rest is
 * room for a busy sender (event-loop delays of up to 6 s were measured under floods). Without it
 * an idle stream was held until libp2p's own 120 s cut-off.
 */
const REQUEST_READ_TIMEOUT_MS = 10_000
/**
 * How long a served stream may take in all (request, handler, answer): twice the longest deadline
 * any caller gives a request (30 s, checkpoints), so an honest caller never loses an answer to it
 * and a peer that reads one byte at a time is cut off.
 */
const SERVE_TIMEOUT_MS = 60_000
const protocolId = (name: string) => `/swarm/${name}/1.0.0`

/**
 * A signal that aborts with a `TimeoutError` after `ms`, and a way to drop its timer early (unlike
 * `AbortSignal.timeout`, whose timer lives on after the stream is done: a flood of short streams
 * would leave a minute's worth of them behind).
 */
function deadline(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')),
    ms,
  )
  return { signal: controller.signal, clear: () => clearTimeout(timer) }
}

type Listeners = { [E in keyof TransportEvents]: Set<(value: TransportEvents[E]) => void> }

/** A `Transport` backed by a started libp2p node. */
export class Libp2pTransport implements Transport {
  readonly self: PeerIdString
  readonly #node: BrowserNode
  readonly #exclude: ReadonlySet<string>
  readonly #listeners: Listeners = { message: new Set(), peers: new Set() }
  readonly #topics = new Map<string, number>()
  readonly #traffic: TrafficCounter | undefined
  readonly #refused = noRefusals()

  /**
   * @param exclude - peers not listed by `peers()` (the relay).
   * @param traffic - counts this node's own publishes.
   */
  constructor(node: BrowserNode, exclude: readonly string[] = [], traffic?: TrafficCounter) {
    this.#node = node
    this.#traffic = traffic
    this.self = node.peerId.toString() as PeerIdString
    this.#exclude = new Set(exclude)
  }

  /** Served streams refused so far, by reason (a fixed set of keys). */
  get refused(): Readonly<RefusalCounts> {
    return { ...this.#refused }
  }

  async start(): Promise<void> {
    this.#node.services.pubsub.addEventListener('message', this.#onMessage)
    this.#node.addEventListener('connection:open', this.#onPeers)
    this.#node.addEventListener('connection:close', this.#onPeers)
    return Promise.resolve()
  }

  async stop(): Promise<void> {
    this.#node.services.pubsub.removeEventListener('message', this.#onMessage)
    this.#node.removeEventListener('connection:open', this.#onPeers)
    this.#node.removeEventListener('connection:close', this.#onPeers)
    return Promise.resolve()
  }

  subscribe(topic: Topic): Unsubscribe {
    const count = this.#topics.get(topic) ?? 0
    if (count === 0) this.#node.services.pubsub.subscribe(topic)
    this.#topics.set(topic, count + 1)
    let done = false
    return () => {
      if (done) return
      done = true
      const left = (this.#topics.get(topic) ?? 1) - 1
      this.#topics.set(topic, left)
      if (left === 0) this.#node.services.pubsub.unsubscribe(topic)
    }
  }

  async publish(topic: Topic, data: Uint8Array): Promise<PublishResult> {
    this.#traffic?.addPublished(data.length)
    const result = await this.#node.services.pubsub.publish(topic, data)
    return { recipients: result.recipients.length }
  }

  peers(): readonly PeerInfo[] {
    const byPeer = new Map<string, ConnectionKind>()
    for (const conn of this.#node.getConnections()) {
      const id = conn.remotePeer.toString()
      if (this.#exclude.has(id) || conn.status !== 'open') continue
      const kind: ConnectionKind = conn.limits == null ? 'direct' : 'relayed'
      if (byPeer.get(id) !== 'direct') byPeer.set(id, kind)
    }
    return [...byPeer]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, connection]) => ({ id: id as PeerIdString, connection }))
  }

  handle(protocol: string, handler: RequestHandler): Unsubscribe {
    const id = protocolId(protocol)
    void this.#node.handle(
      id,
      (stream, connection) => {
        const from = connection.remotePeer.toString() as PeerIdString
        const request = deadline(REQUEST_READ_TIMEOUT_MS)
        const exchange = deadline(SERVE_TIMEOUT_MS)
        void serveStream(stream, MAX_REQUEST_BYTES, (req) => handler(req, from), {
          requestSignal: request.signal,
          signal: exchange.signal,
          onRefuse: (reason) => this.#refused[reason]++,
        }).finally(() => {
          request.clear()
          exchange.clear()
        })
      },
      { runOnLimitedConnection: false },
    )
    return () => void this.#node.unhandle(id)
  }

  async request(
    peer: PeerIdString,
    protocol: string,
    data: Uint8Array,
    options: RequestOptions,
  ): Promise<Result<Uint8Array>> {
    // `options.signal` is an `AbortSignalLike` (shared/ makes its own, `Cancel`), which
    // `AbortSignal.any` refuses: follow it with a real one.
    const caller = new AbortController()
    const follow = () => caller.abort(options.signal?.reason)
    if (options.signal?.aborted === true) follow()
    else options.signal?.addEventListener('abort', follow)
    const signal = AbortSignal.any([
      AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
      caller.signal,
    ])
    try {
      // Only direct connections carry requests: relayed links are capped at 128 KiB.
      const stream = await this.#node.dialProtocol(peerIdFromString(peer), protocolId(protocol), {
        signal,
      })
      return await callStream(stream, data, options.maxBytes, signal)
    } catch (err) {
      return { ok: false, reason: `${(err as Error).name}: ${(err as Error).message}` }
    } finally {
      options.signal?.removeEventListener('abort', follow)
    }
  }

  on<E extends keyof TransportEvents>(
    event: E,
    listener: (value: TransportEvents[E]) => void,
  ): Unsubscribe {
    const set = this.#listeners[event] as Set<(value: TransportEvents[E]) => void>
    set.add(listener)
    return () => set.delete(listener)
  }

  #emit<E extends keyof TransportEvents>(event: E, value: TransportEvents[E]): void {
    for (const listener of this.#listeners[event] as Set<(value: TransportEvents[E]) => void>) {
      try {
        listener(value)
      } catch {
        // A listener's bug must not stop delivery to the others.
      }
    }
  }

  readonly #onMessage = (evt: CustomEvent<Message>) => {
    const msg = evt.detail
    if (!this.#topics.has(msg.topic) || (this.#topics.get(msg.topic) ?? 0) === 0) return
    const from: PeerId | undefined = msg.type === 'signed' ? msg.from : undefined
    const gossip: GossipMessage = {
      topic: msg.topic as Topic,
      from: (from?.toString() ?? 'unknown') as PeerIdString,
      data: msg.data,
    }
    this.#emit('message', gossip)
  }

  readonly #onPeers = () => this.#emit('peers', this.peers())
}
