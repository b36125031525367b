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
