/**
 * An in-memory network for many nodes in one process: gossip topics and request/response with
 * latency, jitter, loss and partitions on simulated time. Each node gets a `Transport`.
 */
import type {
  GossipMessage,
  PeerInfo,
  PublishResult,
  RequestHandler,
  RequestOptions,
  Transport,
  TransportEvents,
  Unsubscribe,
} from '../../../shared/transport/index.ts'
import type { PeerIdString, Result, Topic } from '../../../shared/types/index.ts'
import { rng } from './rng.ts'
import type { Scheduler } from './scheduler.ts'

/** Link conditions. */
export interface LinkConditions {
  /** One-way latency in ms. */
  readonly latencyMs: number
  /** Uniform extra delay in [0, jitterMs). */
  readonly jitterMs: number
  /** Probability that a message is lost. */
  readonly loss: number
}

/** Traffic counters of one endpoint. */
export interface Traffic {
  gossipBytesSent: number
  requestBytesSent: number
  messagesSent: number
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** A syntactically valid, unique libp2p-style peer id for simulated node `i`. */
export function simPeerId(i: number): PeerIdString {
  let tail = ''
  let x = i + 1
  for (let k = 0; k < 44; k++) {
    tail += BASE58[x % 58]
    x = Math.floor(x / 58) + k * 7 + 3
  }
  return `12D3KooW${tail}` as PeerIdString
}

/** The simulated network. */
export class SimNetwork {
  readonly clock: Scheduler
  conditions: LinkConditions
  readonly #random: () => number
  readonly #endpoints = new Map<string, SimTransport>()
  #group = new Map<string, number>()

  constructor(clock: Scheduler, conditions: LinkConditions, seed: number) {
    this.clock = clock
    this.conditions = conditions
    this.#random = rng(seed)
  }

  /** A transport for the peer `id`. */
  endpoint(id: PeerIdString): SimTransport {
    const t = new SimTransport(this, id)
    this.#endpoints.set(id, t)
    return t
  }

  /** Splits the network: peers in different groups cannot reach each other. */
  partition(groups: readonly (readonly PeerIdString[])[]): void {
    this.#group = new Map()
    groups.forEach((g, i) => g.forEach((p) => this.#group.set(p, i)))
  }

  /** Removes every partition. */
  heal(): void {
    this.#group = new Map()
  }

  /** Disconnects a peer entirely (a crash): it neither sends nor receives. */
  crash(id: PeerIdString): void {
    this.#endpoints.get(id)?.setDown(true)
  }

  /** Every endpoint. */
  endpoints(): SimTransport[] {
    return [...this.#endpoints.values()]
  }

  /** Whether a message from `a` reaches `b` now; draws loss at random. */
  reaches(a: PeerIdString, b: PeerIdString): boolean {
    const ea = this.#endpoints.get(a)
    const eb = this.#endpoints.get(b)
    if (ea === undefined || eb === undefined || ea.down || eb.down) return false
    if ((this.#group.get(a) ?? -1) !== (this.#group.get(b) ?? -1)) return false
    return this.#random() >= this.conditions.loss
  }

  /** A one-way delay drawn from the conditions. */
  delay(): number {
    return this.conditions.latencyMs + this.#random() * this.conditions.jitterMs
  }

  /** Delivers gossip from `from` to every subscriber of `topic`. */
  gossip(from: PeerIdString, topic: Topic, data: Uint8Array): number {
    let recipients = 0
    for (const ep of this.#endpoints.values()) {
      if (ep.self === from || !ep.subscribed(topic)) continue
      recipients++
      if (!this.reaches(from, ep.self)) continue
      const copy = data.slice()
      this.clock.setTimeout(() => ep.deliver({ topic, from, data: copy }), this.delay())
    }
    return recipients
  }

  /** Routes a request and its answer, each way with its own delay and loss. */
  request(
    from: PeerIdString,
    to: PeerIdString,
    protocol: string,
    data: Uint8Array,
    options: RequestOptions,
  ): Promise<Result<Uint8Array>> {
    return new Promise((resolve) => {
      let done = false
      const { signal } = options
      const aborted = () => finish({ ok: false, reason: 'AbortError: request aborted' })
      const finish = (r: Result<Uint8Array>) => {
        if (!done) {
          done = true
          signal?.removeEventListener('abort', aborted)
          resolve(r)
        }
      }
      if (signal?.aborted === true) return aborted()
      signal?.addEventListener('abort', aborted, { once: true })
      this.clock.setTimeout(
        () => finish({ ok: false, reason: 'TimeoutError: request timed out' }),
        options.timeoutMs ?? 30_000,
      )
      const target = this.#endpoints.get(to)
      if (target === undefined || !this.reaches(from, to)) return
      this.clock.setTimeout(() => {
        const handler = target.handler(protocol)
        if (handler === undefined || target.down)
          return finish({ ok: false, reason: 'protocol not supported' })
        handler(data.slice(), from).then(
          (answer) => {
            if (!this.reaches(to, from)) return
            target.traffic.requestBytesSent += answer?.length ?? 1
            this.clock.setTimeout(() => {
              if (answer === undefined) finish({ ok: false, reason: 'not found' })
              else if (answer.length > options.maxBytes)
                finish({ ok: false, reason: 'answer too large' })
              else finish({ ok: true, value: answer.slice() })
            }, this.delay())
          },
          () => finish({ ok: false, reason: 'handler failed' }),
        )
      }, this.delay())
    })
  }
}

type Listeners = { [E in keyof TransportEvents]: Set<(v: TransportEvents[E]) => void> }

/** One node's view of the simulated network. */
export class SimTransport implements Transport {
  readonly self: PeerIdString
  readonly traffic: Traffic = { gossipBytesSent: 0, requestBytesSent: 0, messagesSent: 0 }
  down = false
  readonly #net: SimNetwork
  readonly #topics = new Map<string, number>()
  readonly #handlers = new Map<string, RequestHandler>()
  readonly #listeners: Listeners = { message: new Set(), peers: new Set() }

  constructor(net: SimNetwork, self: PeerIdString) {
    this.#net = net
    this.self = self
  }

  /** Marks the endpoint crashed or back up. */
  setDown(down: boolean): void {
    this.down = down
  }

  start(): Promise<void> {
    return Promise.resolve()
  }

  stop(): Promise<void> {
    this.down = true
    return Promise.resolve()
  }

  subscribe(topic: Topic): Unsubscribe {
    this.#topics.set(topic, (this.#topics.get(topic) ?? 0) + 1)
    return () => this.#topics.set(topic, (this.#topics.get(topic) ?? 1) - 1)
  }

  /** Whether this endpoint listens on `topic`. */
  subscribed(topic: Topic): boolean {
    return (this.#topics.get(topic) ?? 0) > 0
  }

  publish(topic: Topic, data: Uint8Array): Promise<PublishResult> {
    if (this.down) return Promise.resolve({ recipients: 0 })
    const recipients = this.#net.gossip(this.self, topic, data)
    this.traffic.gossipBytesSent += data.length * recipients
    this.traffic.messagesSent += recipients
    return Promise.resolve({ recipients })
  }

  peers(): readonly PeerInfo[] {
    return this.#net
      .endpoints()
      .filter((e) => e.self !== this.self && !e.down)
      .map((e) => ({ id: e.self, connection: 'direct' as const }))
  }

  handle(protocol: string, handler: RequestHandler): Unsubscribe {
    this.#handlers.set(protocol, handler)
    return () => this.#handlers.delete(protocol)
  }

  /** The handler of a protocol, if any. */
  handler(protocol: string): RequestHandler | undefined {
    return this.#handlers.get(protocol)
  }

  request(
    peer: PeerIdString,
    protocol: string,
    data: Uint8Array,
    options: RequestOptions,
  ): Promise<Result<Uint8Array>> {
    if (this.down) return Promise.resolve({ ok: false, reason: 'down' })
    this.traffic.requestBytesSent += data.length
    return this.#net.request(this.self, peer, protocol, data, options)
  }

  on<E extends keyof TransportEvents>(
    event: E,
    listener: (v: TransportEvents[E]) => void,
  ): Unsubscribe {
    const set = this.#listeners[event] as Set<(v: TransportEvents[E]) => void>
    set.add(listener)
    return () => set.delete(listener)
  }

  /** Hands a gossip message to the listeners (called by the network). */
  deliver(message: GossipMessage): void {
    if (this.down || !this.subscribed(message.topic)) return
    for (const l of this.#listeners.message) l(message)
  }
}
