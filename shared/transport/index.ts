/**
 * The `Transport` interface: how a node talks to the swarm, whatever carries the bytes.
 *
 * @remarks
 * The browser implements it with js-libp2p (WebRTC between tabs, circuit relay to bootstrap), the
 * simulator with an in-memory network. `shared/` sees only this interface, so the consensus and
 * training code never learns which one it runs on. Every implementation must pass the conformance
 * suite in `tests/unit/transport/conformance.ts`.
 *
 * Messages arriving here are untrusted bytes: the transport only says which peer delivered them,
 * never that they are well formed. Decoding and validation happen in `shared/protocol`.
 */
import type { AbortSignalLike, PeerIdString, Result, Topic } from '../types/index.ts'

/** How a peer is connected to us right now. */
export type ConnectionKind = 'direct' | 'relayed' | 'none'

/** A peer the transport knows about. */
export interface PeerInfo {
  readonly id: PeerIdString
  /** `direct` when at least one open connection has no relay limits (`limits == null`). */
  readonly connection: ConnectionKind
  /** Round-trip time of the last ping, in ms, if one was measured. */
  readonly rttMs?: number
}

/** A gossip message as delivered, before any validation. */
export interface GossipMessage {
  readonly topic: Topic
  /** The peer that forwarded it to us (not necessarily its author). */
  readonly from: PeerIdString
  readonly data: Uint8Array
}

/** Outcome of a publish. `recipients` is how many peers the message was sent to directly. */
export interface PublishResult {
  readonly recipients: number
}

/** Events a transport emits. */
export interface TransportEvents {
  message: GossipMessage
  peers: readonly PeerInfo[]
}

/** Removes a listener or subscription. */
export type Unsubscribe = () => void

/** Options every async call takes. */
export interface CallOptions {
  readonly signal?: AbortSignalLike
}

/** Answers one request from a peer; `undefined` means "not found" (the peer gets a miss). */
export type RequestHandler = (
  request: Uint8Array,
  from: PeerIdString,
) => Promise<Uint8Array | undefined>

/** Options of a request. */
export interface RequestOptions extends CallOptions {
  /** Largest answer accepted; a bigger one is refused without being buffered whole. */
  readonly maxBytes: number
  /** Gives up after this long (a `TimeoutError` reason). */
  readonly timeoutMs?: number
}

/** A node's connection to the swarm. */
export interface Transport {
  /** Our own peer id. */
  readonly self: PeerIdString
  start(options?: CallOptions): Promise<void>
  stop(): Promise<void>
  /** Joins a topic; messages on it are delivered to `onMessage` listeners. */
  subscribe(topic: Topic): Unsubscribe
  /** Sends a small message to the topic's mesh. Large payloads must use direct streams. */
  publish(topic: Topic, data: Uint8Array, options?: CallOptions): Promise<PublishResult>
  /** Known peers and how each is connected. */
  peers(): readonly PeerInfo[]
  /**
   * Serves requests on `protocol` (e.g. payloads by hash, certified blocks by height).
   * Large answers travel only over direct connections.
   */
  handle(protocol: string, handler: RequestHandler): Unsubscribe
  /** Asks `peer` for something on `protocol`. Failures (miss, timeout, too large) are values. */
  request(
    peer: PeerIdString,
    protocol: string,
    data: Uint8Array,
    options: RequestOptions,
  ): Promise<Result<Uint8Array>>
  on<E extends keyof TransportEvents>(
    event: E,
    listener: (value: TransportEvents[E]) => void,
  ): Unsubscribe
}
