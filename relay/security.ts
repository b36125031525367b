/**
 * The security headers of every HTTP answer: a Content-Security-Policy fitted to the app, and
 * the usual `nosniff`, framing and referrer rules.
 *
 * @remarks
 * The app needs: its own scripts, workers and wasm (`'self'`; `'wasm-unsafe-eval'` to compile
 * tfjs' wasm backend; `blob:` workers, which tfjs' threaded wasm glue may start), `fetch` to its
 * own origin (data, jobs, API), WebSockets to the relay's libp2p port (the addresses
 * `/api/bootstrap` hands this origin, as `ws://host:port` or `wss://host:port`), and inline
 * `<style>` on the lab page. WebRTC between tabs is not governed by CSP. Nothing may frame the
 * app (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for older browsers).
 */
import type { ServerResponse } from 'node:http'

/** The WebSockets origin a browser multiaddr dials (`/ip4/…/tcp/…/ws`), if it is one. */
export function wsOrigin(multiaddr: string): string | undefined {
  const m = /^\/(ip4|ip6|dns4|dns6|dns)\/([^/]+)\/tcp\/(\d+)\/(ws|wss|tls\/ws)(\/|$)/.exec(
    multiaddr,
  )
  if (m === null) return undefined
  const [, proto, host = '', port, ws] = m
  const scheme = ws === 'ws' ? 'ws' : 'wss'
  return `${scheme}://${proto === 'ip6' ? `[${host}]` : host}:${port}`
}

/** The Content-Security-Policy for pages that dial the relay at `relayAddrs`. */
export function contentSecurityPolicy(relayAddrs: readonly string[]): string {
  const origins = relayAddrs.map(wsOrigin)
  // An address we cannot turn into an origin would be blocked: allow WebSockets anywhere then.
  const ws = origins.includes(undefined) ? ['ws:', 'wss:'] : [...new Set(origins)]
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self' ${ws.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Sets the security headers on `res`. */
export function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'no-referrer')
}
