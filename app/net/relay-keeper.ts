/**
 * Keeps this tab connected to the relay: redials with backoff whenever the link drops (a relay
 * restart, a network change), forever, and reports the relay state.
 *
 * @remarks
 * libp2p's own reconnect queue gives up after a few tries; a donor's tab should outlive a relay
 * that is down for minutes. Direct WebRTC links to other tabs do not depend on the relay and
 * stay up meanwhile.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { retryDelay } from '../../shared/network/index.ts'
import type { BrowserNode } from './browser-node.ts'

/** The relay link as the UI shows it. */
export type RelayState = 'connecting' | 'connected' | 'reconnecting'

const RELAY_BACKOFF = { baseMs: 500, maxMs: 5_000, maxAttempts: Number.MAX_SAFE_INTEGER }

/** Watches and restores the connection to the relay. */
export class RelayKeeper {
  state: RelayState = 'connecting'
  /** How many times the link came back after it was lost. */
  reconnects = 0
  readonly #node: BrowserNode
  readonly #relayPeerId: string
  readonly #addrs: readonly string[]
  readonly #onChange: () => void
  #attempt = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = false
  #everConnected = false

  constructor(
    node: BrowserNode,
    relayPeerId: string,
    addrs: readonly string[],
    onChange: () => void,
  ) {
    this.#node = node
    this.#relayPeerId = relayPeerId
    this.#addrs = addrs
    this.#onChange = onChange
  }

  /** The relay address in use, for building circuit addresses. */
  get relayAddr(): string | undefined {
    return this.#addrs[0]
  }

  /** Starts watching; dials now if not yet connected. */
  start(): void {
    this.#node.addEventListener('peer:connect', this.#onConnect)
    this.#node.addEventListener('peer:disconnect', this.#onDisconnect)
    if (this.#connected()) this.#set('connected')
    else this.#schedule(0)
  }

  /** Stops redialling. */
  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#node.removeEventListener('peer:connect', this.#onConnect)
    this.#node.removeEventListener('peer:disconnect', this.#onDisconnect)
  }

  #connected(): boolean {
    return this.#node.getConnections().some((c) => c.remotePeer.toString() === this.#relayPeerId)
  }

  readonly #onConnect = (evt: CustomEvent<{ toString(): string }>) => {
    if (evt.detail.toString() !== this.#relayPeerId) return
    if (this.#everConnected && this.state !== 'connected') this.reconnects++
    this.#everConnected = true
    this.#attempt = 0
    clearTimeout(this.#timer)
    this.#set('connected')
  }

  readonly #onDisconnect = (evt: CustomEvent<{ toString(): string }>) => {
    if (evt.detail.toString() !== this.#relayPeerId || this.#stopped) return
    this.#set('reconnecting')
    this.#schedule(retryDelay(1, Math.random(), RELAY_BACKOFF) ?? 1_000)
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#dial(), delayMs)
  }

  async #dial(): Promise<void> {
    if (this.#stopped || this.#connected()) return
    for (const addr of this.#addrs) {
      try {
        await this.#node.dial(multiaddr(addr), { signal: AbortSignal.timeout(5_000) })
        return
      } catch {
        // try the next address, then back off
      }
    }
    this.#attempt++
    this.#schedule(retryDelay(Math.min(this.#attempt, 30), Math.random(), RELAY_BACKOFF) ?? 5_000)
  }

  #set(state: RelayState): void {
    if (this.state === state) return
    this.state = state
    this.#onChange()
  }
}
