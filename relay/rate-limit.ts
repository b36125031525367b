/**
 * Per-client token buckets for the relay's costly requests (a genesis claim costs an ML-DSA
 * verification, a checkpoint answer megabytes), keyed by IP address.
 *
 * @remarks
 * Each client holds a bucket of `burst` tokens that refills at `perSecond`; a request takes one
 * or is refused with the seconds until the next token (the `Retry-After` of a 429). The map of
 * buckets is bounded: past `maxClients` the least recently seen client is dropped, which at worst
 * hands it a full bucket again. IPv6 clients are keyed by their /64, the block one host usually
 * holds, so a host cannot mint a fresh bucket per address; IPv4-mapped addresses count as IPv4.
 * Behind a reverse proxy every client has the proxy's address: limit there instead.
 */

/** A bucket's size and refill rate. */
export interface RateLimit {
  /** Requests allowed at once. */
  readonly burst: number
  /** Tokens added per second, up to `burst`. */
  readonly perSecond: number
}

/** The answer to one request: allowed, or refused with the seconds to wait. */
export type RateDecision =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterS: number }

interface Bucket {
  tokens: number
  at: number
}

/** Token buckets per client address. */
export class RateLimiter {
  readonly #limit: RateLimit
  readonly #maxClients: number
  readonly #now: () => number
  readonly #buckets = new Map<string, Bucket>()

  constructor(limit: RateLimit, init: { maxClients?: number; now?: () => number } = {}) {
    this.#limit = limit
    this.#maxClients = init.maxClients ?? 10_000
    this.#now = init.now ?? (() => performance.now())
  }

  /** Clients tracked now (at most `maxClients`). */
  get size(): number {
    return this.#buckets.size
  }

  /** Takes a token for `address`, or says how long it must wait. */
  take(address: string): RateDecision {
    const key = clientKey(address)
    const now = this.#now()
    const { burst, perSecond } = this.#limit
    const seen = this.#buckets.get(key)
    const bucket = seen ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)
    bucket.at = now
    // Re-inserted at the end: the map's order is least recently seen first.
    this.#buckets.delete(key)
    this.#buckets.set(key, bucket)
    if (seen === undefined && this.#buckets.size > this.#maxClients) {
      const oldest = this.#buckets.keys().next().value
      if (oldest !== undefined) this.#buckets.delete(oldest)
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) }
  }
}

/** The bucket key of an address: IPv4 as is, IPv6 by its first 64 bits. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped !== null) return mapped[1] as string
  if (!address.includes(':')) return address
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::') as [string, string?]
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const fill =
    tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0')
  const groups = [...left, ...fill, ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
