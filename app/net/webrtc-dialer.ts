/**
 * Dials discovered tabs directly over WebRTC, signalling through the relay.
 *
 * @remarks
 * Policy (tie-break, backoff) lives in `shared/network/dial-policy.ts`; this class applies it to
 * a libp2p node. Only the tab whose peer id sorts first dials; each dial has a timeout; failures
 * back off with jitter; a fresh discovery of a peer that was given up on resets it. Figures for
 * the dashboard and the tests (attempts, successes, failures, time to first direct link) are kept.
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { PeerId } from '@libp2p/interface'
import {
  DIAL_TIMEOUT_MS,
  FRESH_DIAL,
  afterDial,
  decideDial,
  type DialState,
} from '../../shared/network/index.ts'
import type { BrowserNode } from './browser-node.ts'

/** Counters of the dialer. */
export interface DialStats {
  attempts: number
  successes: number
  failures: number
  /** Milliseconds from page navigation to the first direct connection, in either direction. */
  firstDirectMs?: number
  /** Duration of each successful dial, in ms. */
  readonly durationsMs: number[]
  /** The last few failure reasons, newest last. */
  readonly lastErrors: string[]
}

const TICK_MS = 1_000

/** Keeps a direct WebRTC connection to every discovered tab. */
export class WebRtcDialer {
  readonly stats: DialStats = {
    attempts: 0,
    successes: 0,
    failures: 0,
    durationsMs: [],
    lastErrors: [],
  }
  readonly #node: BrowserNode
  readonly #relayAddr: () => string | undefined
  readonly #relayPeerId: string
  readonly #states = new Map<string, DialState>()
  readonly #known = new Map<string, PeerId>()
  #timer: ReturnType<typeof setInterval> | undefined
  readonly #onChange: () => void

  constructor(
    node: BrowserNode,
    relayPeerId: string,
    relayAddr: () => string | undefined,
    onChange: () => void,
  ) {
    this.#node = node
    this.#relayPeerId = relayPeerId
    this.#relayAddr = relayAddr
    this.#onChange = onChange
  }

  /** Starts listening for discoveries and retrying on a timer. */
  start(): void {
    this.#node.addEventListener('peer:discovery', this.#onDiscovery)
    this.#node.addEventListener('connection:open', this.#onOpen)
    this.#timer = setInterval(() => this.#tick(), TICK_MS)
  }

  /** Stops dialling. */
  stop(): void {
    this.#node.removeEventListener('peer:discovery', this.#onDiscovery)
    this.#node.removeEventListener('connection:open', this.#onOpen)
    clearInterval(this.#timer)
  }

  /** True when we hold a connection without relay limits to `peer`. */
  isDirect(peer: PeerId): boolean {
    return this.#node.getConnections(peer).some((c) => c.limits == null && c.status === 'open')
  }

  readonly #onDiscovery = (evt: CustomEvent<{ id: PeerId }>) => {
    const id = evt.detail.id
    const key = id.toString()
    if (key === this.#relayPeerId || key === this.#node.peerId.toString()) return
    this.#known.set(key, id)
    // A peer we had given up on is back in the discovery feed: start over.
    const state = this.#states.get(key)
    if (state !== undefined && state.notBefore === Infinity) this.#states.set(key, FRESH_DIAL)
    this.#consider(key, id)
  }

  readonly #onOpen = (evt: CustomEvent<{ limits?: unknown; remotePeer: PeerId }>) => {
    const conn = evt.detail
    if (conn.limits == null && conn.remotePeer.toString() !== this.#relayPeerId) {
      this.stats.firstDirectMs ??= Math.round(performance.now())
      this.#onChange()
    }
  }

  #tick(): void {
    // Discovery events can be missed (a tab that started listening late); the peer store and
    // our open connections (a peer that signalled us through the relay) also name candidates.
    for (const conn of this.#node.getConnections()) this.#learn(conn.remotePeer)
    void this.#node.peerStore.all().then(
      (peers) => peers.forEach((p) => this.#learn(p.id)),
      () => undefined,
    )
    for (const [key, id] of this.#known) this.#consider(key, id)
  }

  #learn(id: PeerId): void {
    const key = id.toString()
    if (key === this.#relayPeerId || key === this.#node.peerId.toString()) return
    if (!this.#known.has(key)) this.#known.set(key, id)
  }

  #consider(key: string, id: PeerId): void {
    const state = this.#states.get(key) ?? FRESH_DIAL
    const decision = decideDial(
      this.#node.peerId.toString(),
      key,
      state,
      this.isDirect(id),
      performance.now(),
    )
    if (decision.action === 'dial') void this.#dial(key, state)
  }

  async #dial(key: string, state: DialState): Promise<void> {
    const relay = this.#relayAddr()
    if (relay === undefined) return
    this.#states.set(key, { ...state, inFlight: true })
    this.stats.attempts++
    const began = performance.now()
    let ok = false
    try {
      const addr = multiaddr(`${relay}/p2p-circuit/webrtc/p2p/${key}`)
      const conn = await this.#node.dial(addr, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) })
      ok = conn.limits == null
      if (!ok) throw new Error('dial returned a limited (relayed) connection')
      this.stats.successes++
      this.stats.durationsMs.push(Math.round(performance.now() - began))
    } catch (err) {
      this.stats.failures++
      this.stats.lastErrors.push(`${(err as Error).name}: ${(err as Error).message}`.slice(0, 200))
      if (this.stats.lastErrors.length > 10) this.stats.lastErrors.shift()
    }
    this.#states.set(key, afterDial(state, ok, performance.now(), Math.random()))
    this.#onChange()
  }
}
