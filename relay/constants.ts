/** Defaults of the relay; each can be overridden by a flag or an environment variable. */

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_HTTP_PORT = 8080
export const DEFAULT_WS_PORT = 9090
export const DEFAULT_DATA_DIR = '.data/relay'
export const DEFAULT_STATIC_DIR = 'dist'

/**
 * Circuit-relay-v2 reservations. The library default is 15, which a swarm of browser tabs exceeds
 * at once (../shared/notes/probe-libp2p.md); every tab holds one reservation on the relay.
 */
export const DEFAULT_MAX_RESERVATIONS = 4096

/** File in the data directory holding the relay's libp2p private key (protobuf). */
export const PEER_KEY_FILE = 'peer-key.pb'

/** Largest HTTP request path accepted, in characters. */
export const MAX_PATH_LENGTH = 2048

/** How often the archive fetches and verifies a newer checkpoint from a tab. */
export const DEFAULT_ARCHIVE_INTERVAL_MS = 10_000

/**
 * Genesis claims per client IP: a claim costs the relay an ML-DSA-65 verification, and a tab
 * makes one per job when it starts. A burst covers many tabs opening behind one address.
 */
export const GENESIS_RATE = { burst: 20, perSecond: 1 } as const

/**
 * Checkpoint requests per client IP (HTTP) or peer (libp2p): each answer is the whole archived
 * log. A tab asks when it catches up and retries every 1.5 s while it has no checkpoint, so the
 * rate lets a few tabs on one address catch up at once, not one client pull in a loop.
 */
export const CHECKPOINT_RATE = { burst: 30, perSecond: 2 } as const

/** Clients whose buckets the relay keeps per limit; the least recently seen go first. */
export const MAX_RATE_CLIENTS = 10_000

/** How long the archive waits for a peer's checkpoint or sync answer, dial included. */
export const ARCHIVE_REQUEST_MS = 30_000

/** Deadlines of a checkpoint request served over libp2p: the request, and the whole exchange. */
export const SERVE_REQUEST_MS = 10_000
export const SERVE_EXCHANGE_MS = 60_000
