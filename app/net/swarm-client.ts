/**
 * The tab's connection to the swarm: bootstrap from the relay, start libp2p, keep the relay
 * link, dial other tabs directly, and publish a snapshot for the UI (one-way data flow: the UI
 * subscribes and renders; it never touches libp2p).
 */
import { TrafficCounter } from '../../shared/metrics/index.ts'
import { errorMessage } from '../../shared/node/errors.ts'
import { LOBBY_TOPIC } from '../../shared/network/index.ts'
import type { PeerInfo } from '../../shared/transport/index.ts'
import type { Topic } from '../../shared/types/index.ts'
import { fetchBootstrap } from './bootstrap.ts'
import type { PrivateKey } from '@libp2p/interface'
import { createBrowserNode, type BrowserNode } from './browser-node.ts'
import { Libp2pTransport } from './libp2p-transport.ts'
import { RelayKeeper, type RelayState } from './relay-keeper.ts'
import { WebRtcDialer, type DialStats } from './webrtc-dialer.ts'

/** A lobby message as shown in the UI. */
export interface LobbyMessage {
  readonly from: string
  readonly text: string
  readonly at: number
}

/** Everything the UI shows about the swarm connection. */
export interface SwarmSnapshot {
  readonly status: 'starting' | 'running' | 'stopped' | 'error'
  readonly error?: string
  readonly peerId?: string
  readonly relay: {
    readonly state: RelayState | 'unknown'
    readonly peerId?: string
    readonly addr?: string
    readonly reconnects: number
    /** True when the relay holds a circuit reservation for us (others can reach us through it). */
    readonly reserved: boolean
  }
  readonly peers: readonly PeerInfo[]
  readonly dial: Readonly<DialStats>
  readonly lobby: readonly LobbyMessage[]
}

const MAX_LOBBY = 50
const LOBBY = LOBBY_TOPIC as Topic

/** Owns the libp2p node and everything around it. */
export class SwarmClient {
  #snapshot: SwarmSnapshot = {
    status: 'starting',
    relay: { state: 'unknown', reconnects: 0, reserved: false },
    peers: [],
    dial: { attempts: 0, successes: 0, failures: 0, durationsMs: [], lastErrors: [] },
    lobby: [],
  }
  readonly #listeners = new Set<(s: SwarmSnapshot) => void>()
  #node: BrowserNode | undefined
  #transport: Libp2pTransport | undefined
  #keeper: RelayKeeper | undefined
  #dialer: WebRtcDialer | undefined
  #lobby: LobbyMessage[] = []
  #relayPeerId: string | undefined
  #refresh: ReturnType<typeof setInterval> | undefined
  /** Bytes of every libp2p protocol stream of this tab, by protocol. */
  readonly traffic = new TrafficCounter()

  /** The current snapshot (a new object after every change). */
  get snapshot(): SwarmSnapshot {
    return this.#snapshot
  }

  /** The `Transport` over this tab's libp2p node, once started. */
  get transport(): Libp2pTransport | undefined {
    return this.#transport
  }

  /** The libp2p node, for tests and diagnostics only. */
  get node(): BrowserNode | undefined {
    return this.#node
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (s: SwarmSnapshot) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Connects to the relay that served `origin` and to the other tabs. */
  async start(
    origin: string,
    options: { signal?: AbortSignal; privateKey?: PrivateKey } = {},
  ): Promise<void> {
    const boot = await fetchBootstrap(origin, options)
    if (!boot.ok) return this.#fail(`bootstrap failed: ${boot.reason}`)
    const { relayPeerId, multiaddrs } = boot.value
    this.#relayPeerId = relayPeerId
    try {
      const node = await createBrowserNode({
        relayAddrs: multiaddrs,
        traffic: this.traffic,
        ...(options.privateKey === undefined ? {} : { privateKey: options.privateKey }),
      })
      this.#node = node
      const transport = new Libp2pTransport(node, [relayPeerId], this.traffic)
      this.#transport = transport
      const changed = () => this.#update()
      this.#keeper = new RelayKeeper(node, relayPeerId, multiaddrs, changed)
      this.#dialer = new WebRtcDialer(node, relayPeerId, () => this.#keeper?.relayAddr, changed)
      await transport.start()
      transport.on('peers', changed)
      transport.on('message', (m) => {
        if (m.topic !== LOBBY) return
        const text = new TextDecoder('utf-8', { fatal: false }).decode(m.data.subarray(0, 1024))
        this.#lobby = [...this.#lobby, { from: m.from, text, at: Date.now() }].slice(-MAX_LOBBY)
        this.#update()
      })
      transport.subscribe(LOBBY)
      node.addEventListener('self:peer:update', changed)
      this.#keeper.start()
      this.#dialer.start()
      // Connection kinds and RTTs change without events; refresh the view now and then.
      this.#refresh = setInterval(changed, 1_000)
      this.#update('running')
    } catch (err) {
      this.#fail(`libp2p failed to start: ${errorMessage(err)}`)
    }
  }

  /** Publishes a short text on the lobby topic; resolves to the number of direct recipients. */
  async sayHello(text: string): Promise<number> {
    if (this.#transport === undefined) throw new Error('not connected')
    const bytes = new TextEncoder().encode(text.slice(0, 512))
    return (await this.#transport.publish(LOBBY, bytes)).recipients
  }

  /** Leaves the swarm and stops libp2p. */
  async stop(): Promise<void> {
    clearInterval(this.#refresh)
    this.#dialer?.stop()
    this.#keeper?.stop()
    await this.#transport?.stop()
    await this.#node?.stop()
    this.#update('stopped')
  }

  #fail(error: string): void {
    this.#snapshot = { ...this.#snapshot, status: 'error', error }
    this.#notify()
  }

  #update(status: SwarmSnapshot['status'] = this.#snapshot.status): void {
    const node = this.#node
    const keeper = this.#keeper
    this.#snapshot = {
      status,
      ...(node === undefined ? {} : { peerId: node.peerId.toString() }),
      relay: {
        state: keeper?.state ?? 'unknown',
        ...(keeper?.relayAddr === undefined ? {} : { addr: keeper.relayAddr }),
        ...(this.#relayPeerId === undefined ? {} : { peerId: this.#relayPeerId }),
        reconnects: keeper?.reconnects ?? 0,
        reserved: node?.getMultiaddrs().some((m) => m.toString().includes('/p2p-circuit')) ?? false,
      },
      peers: this.#transport?.peers() ?? [],
      dial: { ...(this.#dialer?.stats ?? this.#snapshot.dial) },
      lobby: this.#lobby,
    }
    this.#notify()
  }

  #notify(): void {
    for (const listener of this.#listeners) listener(this.#snapshot)
  }
}
