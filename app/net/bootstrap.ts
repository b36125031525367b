/**
 * Fetches and validates the relay's bootstrap addresses from `GET /api/bootstrap`.
 */
import { asPeerId, type PeerIdString, type Result } from '../../shared/types/index.ts'

/** What the relay tells a new tab. */
export interface BootstrapInfo {
  readonly relayPeerId: PeerIdString
  readonly multiaddrs: readonly string[]
}

/** Asks the relay that served the page for its addresses. Failures are values. */
export async function fetchBootstrap(
  base: string,
  options: { signal?: AbortSignal } = {},
): Promise<Result<BootstrapInfo>> {
  let body: unknown
  try {
    const res = await fetch(new URL('/api/bootstrap', base), { signal: options.signal ?? null })
    if (!res.ok) return { ok: false, reason: `relay answered ${res.status} ${res.statusText}` }
    body = await res.json()
  } catch (err) {
    return { ok: false, reason: `relay unreachable: ${(err as Error).message}` }
  }
  return parseBootstrap(body)
}

/** Validates the JSON body of `/api/bootstrap`. */
export function parseBootstrap(body: unknown): Result<BootstrapInfo> {
  if (typeof body !== 'object' || body === null) return { ok: false, reason: 'not a JSON object' }
  const { peerId, multiaddrs } = body as Record<string, unknown>
  const id = asPeerId(typeof peerId === 'string' ? peerId : '')
  if (!id.ok) return { ok: false, reason: `bad relay peer id: ${id.reason}` }
  if (
    !Array.isArray(multiaddrs) ||
    multiaddrs.some((m) => typeof m !== 'string' || !m.startsWith('/'))
  ) {
    return { ok: false, reason: 'multiaddrs must be an array of multiaddr strings' }
  }
  const addrs = (multiaddrs as string[]).filter((m) => m.endsWith(`/p2p/${id.value}`))
  if (addrs.length === 0)
    return { ok: false, reason: 'the relay offered no address a browser can dial' }
  return { ok: true, value: { relayPeerId: id.value, multiaddrs: addrs } }
}
