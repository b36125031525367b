/**
 * Update payloads by hash (this node's own and those it fetched), and the `payload` request
 * protocol that serves and fetches them. A payload is accepted only at the size the job's
 * compression gives and with the hash its signed header names.
 */
import { sha256Hex } from '../crypto/index.ts'
import type { AppContext } from '../node/application.ts'
import { decodeUtf8, encodeUtf8, type UpdateMessage } from '../protocol/index.ts'
import { compressedSize } from '../training/compress/index.ts'
import type { Transport } from '../transport/index.ts'
import type { HashHex, PeerIdString } from '../types/index.ts'
import type { ChainParams } from './types.ts'

/** The request protocol that serves one payload by its hash (UTF-8 hex). */
export const PAYLOAD_PROTOCOL = 'payload'
/** Payloads are kept this many heights back, to serve late fetchers. */
const KEEP_HEIGHTS = 2
const FETCH_TIMEOUT_MS = 15_000

/** Payloads by hash, served to peers and fetched from them. */
export class PayloadStore {
  readonly #p: ChainParams
  readonly #reject: (reason: string) => void
  readonly #payloads = new Map<HashHex, { bytes: Uint8Array; height: number }>()
  #served = false

  /** `reject` counts a payload that arrived wrong. */
  constructor(params: ChainParams, reject: (reason: string) => void) {
    this.#p = params
    this.#reject = reject
  }

  /** Starts answering payload requests on `transport` (once; later calls do nothing). */
  serve(transport: Transport): void {
    if (this.#served) return
    this.#served = true
    transport.handle(PAYLOAD_PROTOCOL, (req) => {
      let hash: string
      try {
        hash = decodeUtf8(req)
      } catch {
        return Promise.resolve(undefined)
      }
      return Promise.resolve(this.#payloads.get(hash as HashHex)?.bytes)
    })
  }

  /** Whether the payload of `hash` is here. */
  has(hash: HashHex): boolean {
    return this.#payloads.has(hash)
  }

  /** The payload of `hash`, if here. */
  get(hash: HashHex): Uint8Array | undefined {
    return this.#payloads.get(hash)?.bytes
  }

  /** Keeps a payload of `height` (this node's own, already hashed). */
  put(hash: HashHex, bytes: Uint8Array, height: number): void {
    this.#payloads.set(hash, { bytes, height })
  }

  /** Drops the payloads of heights before `height − 2`. */
  prune(height: number): void {
    for (const [hash, p] of this.#payloads)
      if (p.height < height - KEEP_HEIGHTS) this.#payloads.delete(hash)
  }

  /**
   * Makes sure the payload an update names is here: fetched, size- and hash-checked. `peers` are
   * the holders to ask first. Requests carry `ctx.signal`: when the height they serve ends, the
   * request under way is aborted and no other holder is asked.
   */
  async fetch(
    m: UpdateMessage,
    peers: readonly (PeerIdString | undefined)[],
    ctx: AppContext,
  ): Promise<boolean> {
    if (this.#payloads.has(m.payloadHash)) return true
    const expected = compressedSize(this.#p.compression, this.#p.dimension)
    if (m.payloadBytes !== expected) {
      this.#reject(`payload: ${m.payloadBytes} bytes announced, ${expected} expected`)
      return false
    }
    // Any holder can serve a payload (every member fetches every one): connected peers named
    // first, then the rest of the connected peers, then the named ones we are not connected to
    // (a member's recorded peer id goes stale when its tab reloads).
    const connected = new Set(ctx.transport.peers().map((p) => p.id as string))
    const named = peers.filter((p): p is PeerIdString => p !== undefined)
    const order = [
      ...named.filter((p) => connected.has(p)),
      ...[...connected].filter((p) => !named.includes(p as PeerIdString)),
      ...named.filter((p) => !connected.has(p)),
    ] as PeerIdString[]
    for (const peer of new Set(order)) {
      if (ctx.signal.aborted) return false
      if (peer === ctx.transport.self) continue
      const got = await ctx.transport.request(peer, PAYLOAD_PROTOCOL, encodeUtf8(m.payloadHash), {
        maxBytes: expected,
        timeoutMs: FETCH_TIMEOUT_MS,
        signal: ctx.signal,
      })
      if (!got.ok) continue
      if (got.value.length !== m.payloadBytes || sha256Hex(got.value) !== m.payloadHash) {
        this.#reject('payload: bytes do not match the signed hash')
        continue
      }
      this.#payloads.set(m.payloadHash, { bytes: got.value, height: m.height })
      return true
    }
    return false
  }
}
