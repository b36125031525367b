/**
 * The relay's HTTP face: the built app, `GET /health`, `GET /api/bootstrap` and `GET /metrics`.
 *
 * @remarks
 * Everything from the socket is hostile: a malformed request line, an over-long path, a path
 * that tries to leave the static directory or a method other than GET/HEAD is answered with a
 * 4xx and counted; no request can throw out of the handler or stop the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import { selectBrowserAddrs } from './addresses.ts'
import { CHECKPOINT_RATE, GENESIS_RATE, MAX_PATH_LENGTH, MAX_RATE_CLIENTS } from './constants.ts'
import type { CheckpointArchive } from './archive.ts'
import { MAX_JOIN_BYTES, type GenesisRegistry } from './genesis.ts'
import type { Metrics } from './metrics.ts'
import { RateLimiter } from './rate-limit.ts'
import { contentSecurityPolicy, setSecurityHeaders } from './security.ts'
import { staticServer, type Reject, type ServeFile } from './static.ts'

/** What the HTTP layer asks of the rest of the relay. */
export interface HttpDeps {
  readonly staticDir: string
  readonly metrics: Metrics
  readonly peerId: () => string
  readonly listeningAddrs: () => string[]
  readonly announcedAddrs: () => string[]
  readonly health: () => Record<string, unknown>
  readonly genesis: GenesisRegistry
  readonly archive: CheckpointArchive
  /** Per-IP limits of genesis claims and checkpoint requests (default: `constants.ts`). */
  readonly limits?: Partial<Limits>
}

/** The per-IP rate limits of the costly endpoints. */
export interface Limits {
  readonly genesis: RateLimiter
  readonly checkpoint: RateLimiter
}

/** Creates the HTTP server (not yet listening). */
export function createHttpServer(deps: HttpDeps): Server {
  const serveFile = staticServer(resolve(deps.staticDir), (file) =>
    deps.metrics.count('dataset_downloads_total', { file }),
  )
  const limits: Limits = {
    genesis:
      deps.limits?.genesis ?? new RateLimiter(GENESIS_RATE, { maxClients: MAX_RATE_CLIENTS }),
    checkpoint:
      deps.limits?.checkpoint ?? new RateLimiter(CHECKPOINT_RATE, { maxClients: MAX_RATE_CLIENTS }),
  }
  const server = createServer((req, res) => {
    handle(req, res, deps, serveFile, limits).catch((err: unknown) => {
      deps.metrics.count('http_errors_total')
      if (!res.headersSent) send(res, 500, 'text/plain', `internal error: ${(err as Error).name}`)
      else res.destroy()
    })
  })
  // A request line or header the HTTP parser rejects: answer 400 and drop the socket.
  server.on('clientError', (_err, socket) => {
    deps.metrics.count('http_rejected_total', { reason: 'malformed' })
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  return server
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: HttpDeps,
  serveFile: ServeFile,
  limits: Limits,
): Promise<void> {
  const reject: Reject = (status, reason, message = reason) => {
    deps.metrics.count('http_rejected_total', { reason })
    send(res, status, 'text/plain', `${message}\n`)
  }
  const origin = {
    hostname: hostnameOf(req.headers.host),
    secure: req.headers['x-forwarded-proto'] === 'https',
  }
  const browserAddrs = () =>
    selectBrowserAddrs(deps.listeningAddrs(), deps.announcedAddrs(), origin)
  setSecurityHeaders(res, contentSecurityPolicy(browserAddrs()))
  /** Takes a token of `limit` for the client, or answers 429; false if refused. */
  const allowed = (limit: RateLimiter, route: string): boolean => {
    const decision = limit.take(req.socket.remoteAddress ?? '')
    if (decision.ok) return true
    deps.metrics.count('http_rate_limited_total', { route })
    res.setHeader('Retry-After', String(decision.retryAfterS))
    reject(429, 'rate limited', `too many requests: retry in ${decision.retryAfterS} s`)
    return false
  }
  const genesisJob = /^\/api\/genesis\/([0-9a-f]{64})$/.exec(req.url ?? '')?.[1]
  if (genesisJob !== undefined && req.method === 'POST') {
    if (!allowed(limits.genesis, 'genesis')) return
    const body = await readBody(req, MAX_JOIN_BYTES)
    if (body === undefined) return reject(413, 'body too large')
    const claimed = await deps.genesis.claim(genesisJob, body)
    if (!claimed.ok && claimed.reason.code === 'unknown-job') {
      return reject(404, 'unknown job', `refused: ${claimed.reason.detail}`)
    }
    if (!claimed.ok) return reject(400, 'bad join', `refused: ${claimed.reason.detail}`)
    deps.metrics.count('genesis_claims_total', {
      result: claimed.value.claimed ? 'claimed' : 'existing',
    })
    return sendBytes(res, claimed.value.claimed ? 201 : 200, claimed.value.join)
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', genesisJob === undefined ? 'GET, HEAD' : 'GET, HEAD, POST')
    return reject(405, 'method not allowed')
  }
  const rawUrl = req.url ?? '/'
  if (rawUrl.length > MAX_PATH_LENGTH) return reject(414, 'path too long')
  let path: string
  try {
    path = decodeURIComponent(new URL(rawUrl, 'http://relay.invalid').pathname)
  } catch {
    return reject(400, 'malformed path')
  }
  if (path.includes('\0')) return reject(400, 'malformed path')
  deps.metrics.count('http_requests_total')

  if (path === '/health') return sendJson(res, 200, { status: 'ok', ...deps.health() })
  if (path === '/metrics')
    return send(res, 200, deps.metrics.contentType, await deps.metrics.render())
  if (path === '/api/bootstrap') {
    return sendJson(res, 200, { peerId: deps.peerId(), multiaddrs: browserAddrs() })
  }
  if (genesisJob !== undefined) {
    const join = await deps.genesis.get(genesisJob)
    return join === undefined ? reject(404, 'no genesis') : sendBytes(res, 200, join)
  }
  const checkpointJob = /^\/api\/checkpoint\/([0-9a-f]{64})$/.exec(path)?.[1]
  if (checkpointJob !== undefined) {
    if (!allowed(limits.checkpoint, 'checkpoint')) return
    const cp = await deps.archive.latestEntry(checkpointJob)
    if (cp === undefined) return reject(404, 'no checkpoint')
    // The height lets operators and scripts see how current the archive is without decoding it.
    res.setHeader('X-Checkpoint-Height', String(cp.height))
    return sendBytes(res, 200, cp.bytes)
  }
  if (path.startsWith('/api/')) return reject(404, 'no such endpoint')
  return serveFile(req, res, path, reject)
}

function hostnameOf(host: string | undefined): string {
  if (host === undefined) return ''
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  const colon = host.lastIndexOf(':')
  return colon >= 0 ? host.slice(0, colon) : host
}

function sendBytes(res: ServerResponse, status: number, body: Uint8Array): void {
  res.writeHead(status, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

/** The request body, or `undefined` if it is longer than `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit, read and drop the rest so the client still gets its 413; far past it,
      // cut the connection.
      if (size > 64 * max) req.destroy()
      else if (size <= max) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > max ? undefined : new Uint8Array(Buffer.concat(chunks))))
    req.on('error', () => resolve(undefined))
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body))
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  })
  res.end(body)
}
