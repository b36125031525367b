/**
 * Byte counters for a node's libp2p traffic, by protocol, split into the kinds the benchmark and
 * the dashboard report: gossip (gossipsub RPCs: own publishes, forwards and control), streams
 * (the swarm's request/answer protocols: payloads, checkpoints, sync) and other (identify, ping,
 * circuit relay and WebRTC signalling).
 */

/** What a protocol's bytes count as. */
export type TrafficKind = 'gossip' | 'stream' | 'other'

/** The kinds, in report order. */
export const TRAFFIC_KINDS: readonly TrafficKind[] = ['gossip', 'stream', 'other']

/** Bytes in each direction. */
export interface ByteCount {
  readonly sent: number
  readonly received: number
}

/** A counter's totals at one moment (a plain object: it crosses `page.evaluate`). */
export interface TrafficTotals extends ByteCount {
  readonly byKind: Readonly<Record<TrafficKind, ByteCount>>
  readonly byProtocol: Readonly<Record<string, ByteCount>>
  /** This node's own pubsub messages: how many and their data bytes (before gossip framing). */
  readonly published: { readonly messages: number; readonly bytes: number }
}

/** Totals of nothing. */
export const NO_TRAFFIC: TrafficTotals = {
  sent: 0,
  received: 0,
  byKind: {
    gossip: { sent: 0, received: 0 },
    stream: { sent: 0, received: 0 },
    other: { sent: 0, received: 0 },
  },
  byProtocol: {},
  published: { messages: 0, bytes: 0 },
}

/** The kind of a libp2p protocol id. */
export function trafficKindOf(protocol: string): TrafficKind {
  if (protocol.startsWith('/meshsub/') || protocol.startsWith('/floodsub/')) return 'gossip'
  if (protocol.startsWith('/swarm/')) return 'stream'
  return 'other'
}

/** Counts bytes by protocol; cheap enough to call on every chunk. */
export class TrafficCounter {
  readonly #byProtocol = new Map<string, { sent: number; received: number }>()
  #published = { messages: 0, bytes: 0 }

  /** Adds `bytes` sent or received on a stream of `protocol` (non-finite or negative: ignored). */
  add(protocol: string, direction: 'sent' | 'received', bytes: number): void {
    if (!Number.isFinite(bytes) || bytes <= 0) return
    let c = this.#byProtocol.get(protocol)
    if (c === undefined) this.#byProtocol.set(protocol, (c = { sent: 0, received: 0 }))
    c[direction] += bytes
  }

  /** Counts one pubsub message this node publishes, of `bytes` data bytes. */
  addPublished(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes < 0) return
    this.#published = {
      messages: this.#published.messages + 1,
      bytes: this.#published.bytes + bytes,
    }
  }

  /** The totals so far. */
  totals(): TrafficTotals {
    const byKind = {
      gossip: { sent: 0, received: 0 },
      stream: { sent: 0, received: 0 },
      other: { sent: 0, received: 0 },
    }
    const byProtocol: Record<string, ByteCount> = {}
    let sent = 0
    let received = 0
    for (const [protocol, c] of this.#byProtocol) {
      byProtocol[protocol] = { sent: c.sent, received: c.received }
      const k = byKind[trafficKindOf(protocol)]
      k.sent += c.sent
      k.received += c.received
      sent += c.sent
      received += c.received
    }
    return { sent, received, byKind, byProtocol, published: this.#published }
  }
}

const minus = (a: ByteCount, b: ByteCount | undefined): ByteCount => ({
  sent: a.sent - (b?.sent ?? 0),
  received: a.received - (b?.received ?? 0),
})

/** The traffic between two readings of one counter (`later` − `earlier`). */
export function trafficSince(later: TrafficTotals, earlier: TrafficTotals): TrafficTotals {
  const byProtocol: Record<string, ByteCount> = {}
  for (const [p, c] of Object.entries(later.byProtocol))
    byProtocol[p] = minus(c, earlier.byProtocol[p])
  return {
    ...minus(later, earlier),
    byKind: {
      gossip: minus(later.byKind.gossip, earlier.byKind.gossip),
      stream: minus(later.byKind.stream, earlier.byKind.stream),
      other: minus(later.byKind.other, earlier.byKind.other),
    },
    byProtocol,
    published: {
      messages: later.published.messages - earlier.published.messages,
      bytes: later.published.bytes - earlier.published.bytes,
    },
  }
}
