/**
 * Which of the relay's multiaddrs a browser can dial, best first.
 *
 * @remarks
 * Browsers reach the relay only over WebSockets: `/ws` from an `http:` page, `/wss` from an
 * `https:` page (mixed content is blocked). A relay listening on 0.0.0.0 reports one address per
 * interface; the page's own host name says which one the browser can reach, so an address on the
 * host the page was loaded from comes first, then addresses of the same kind (loopback for a
 * loopback page, routable otherwise). Announced addresses (a public DNS name behind a TLS proxy)
 * always come first. Pure string handling, so it is cheap to unit-test.
 */

/** A multiaddr split into the parts this module cares about. */
interface ParsedAddr {
  readonly text: string
  readonly host: string
  readonly secure: boolean
}

const WS_ADDR_RE =
  /^\/(ip4|ip6|dns4|dns6|dns)\/([^/]+)\/tcp\/(\d+)\/(ws|wss|tls\/ws|tls\/sni\/[^/]+\/ws)(\/p2p\/[^/]+)?$/

/** Parses a WebSockets multiaddr; anything else (raw TCP, circuit, WebRTC) gives `undefined`. */
export function parseWsAddr(text: string): ParsedAddr | undefined {
  const m = WS_ADDR_RE.exec(text)
  if (m === null) return undefined
  const host = m[2] ?? ''
  const kind = m[4] ?? ''
  return { text, host, secure: kind !== 'ws' }
}

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** What the browser's request tells about how it reached us. */
export interface PageOrigin {
  /** Host name of the page, without the port (from the `Host` header). */
  readonly hostname: string
  /** True when the page was served over https (directly or behind a TLS proxy). */
  readonly secure: boolean
}

/**
 * Orders and filters the relay's addresses for a browser loaded from `origin`.
 *
 * @param listening - the relay's own addresses, each ending in `/p2p/<peer id>`
 * @param announced - addresses the operator announced explicitly
 */
export function selectBrowserAddrs(
  listening: readonly string[],
  announced: readonly string[],
  origin: PageOrigin,
): string[] {
  const pageIsLoopback = isLoopbackHost(origin.hostname)
  const rank = (a: ParsedAddr, isAnnounced: boolean): number => {
    if (isAnnounced) return 0
    if (a.host === origin.hostname) return 1
    if (isLoopbackHost(a.host) === pageIsLoopback) return 2
    return 3
  }
  const seen = new Set<string>()
  const candidates: Array<{ addr: ParsedAddr; rank: number; index: number }> = []
  const add = (list: readonly string[], isAnnounced: boolean) => {
    for (const text of list) {
      const addr = parseWsAddr(text)
      if (addr === undefined || seen.has(text)) continue
      // An https page cannot open ws://; an http page can open both.
      if (origin.secure && !addr.secure) continue
      // A routable page cannot reach the relay through the browser's own loopback.
      if (!pageIsLoopback && isLoopbackHost(addr.host) && !isAnnounced) continue
      seen.add(text)
      candidates.push({ addr, rank: rank(addr, isAnnounced), index: candidates.length })
    }
  }
  add(announced, true)
  add(listening, false)
  return candidates.sort((x, y) => x.rank - y.rank || x.index - y.index).map((c) => c.addr.text)
}
