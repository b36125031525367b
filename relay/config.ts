/**
 * Relay configuration from command-line flags and environment variables.
 *
 * @remarks
 * Precedence: flag, then environment variable, then default. Flags are split by `node:util`
 * `parseArgs` (both `--name value` and `--name=value`); parsing is pure so that it can be
 * unit-tested; bad input is reported as `{ ok: false, reason }` with the offending name.
 */
import { parseArgs } from 'node:util'
import {
  DEFAULT_ARCHIVE_INTERVAL_MS,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_MAX_RESERVATIONS,
  DEFAULT_STATIC_DIR,
  DEFAULT_WS_PORT,
} from './constants.ts'

/** Everything the relay process needs to start. */
export interface RelayConfig {
  /** Interface to listen on for both HTTP and libp2p WebSockets. */
  readonly host: string
  /** HTTP port serving the app and the API; 0 picks a free port. */
  readonly httpPort: number
  /** libp2p WebSockets port; 0 picks a free port. */
  readonly wsPort: number
  /** Directory for the relay's key and archives. */
  readonly dataDir: string
  /** Directory of the built app to serve. */
  readonly staticDir: string
  /**
   * Extra job manifests the relay accepts (genesis, archive) beside the served app's `jobs/`:
   * for a job whose manifest the pages get elsewhere (tests serve their own).
   */
  readonly jobsDir?: string
  /** Extra multiaddrs to announce (e.g. a public `/dns4/…/tcp/443/wss`). */
  readonly announce: readonly string[]
  readonly maxReservations: number
  /** How often the archive asks a tab for a newer checkpoint, in ms. */
  readonly archiveIntervalMs: number
}

/** The result of parsing: a config, a request for help, or a reason. */
export type ParseResult =
  { ok: true; config: RelayConfig } | { ok: true; help: true } | { ok: false; reason: string }

interface Option {
  readonly flag: string
  readonly env: string
  readonly describe: string
}

/** The options, in the order `--help` prints them. */
export const OPTIONS: Readonly<Record<keyof RelayConfig, Option>> = {
  host: { flag: '--host', env: 'RELAY_HOST', describe: `listen address (default ${DEFAULT_HOST})` },
  httpPort: {
    flag: '--http-port',
    env: 'RELAY_HTTP_PORT',
    describe: `HTTP port for the app and API, 0 = any free port (default ${DEFAULT_HTTP_PORT})`,
  },
  wsPort: {
    flag: '--ws-port',
    env: 'RELAY_WS_PORT',
    describe: `libp2p WebSockets port, 0 = any free port (default ${DEFAULT_WS_PORT})`,
  },
  dataDir: {
    flag: '--data-dir',
    env: 'RELAY_DATA_DIR',
    describe: `key and archive directory (default ${DEFAULT_DATA_DIR})`,
  },
  staticDir: {
    flag: '--static-dir',
    env: 'RELAY_STATIC_DIR',
    describe: `built app to serve (default ${DEFAULT_STATIC_DIR})`,
  },
  jobsDir: {
    flag: '--jobs-dir',
    env: 'RELAY_JOBS_DIR',
    describe: 'extra job manifests to accept, beside <static-dir>/jobs (default none)',
  },
  announce: {
    flag: '--announce',
    env: 'RELAY_ANNOUNCE',
    describe: 'comma-separated extra multiaddrs to announce (default none)',
  },
  archiveIntervalMs: {
    flag: '--archive-interval-ms',
    env: 'RELAY_ARCHIVE_INTERVAL_MS',
    describe: `how often to fetch and verify a newer checkpoint (default ${DEFAULT_ARCHIVE_INTERVAL_MS})`,
  },
  maxReservations: {
    flag: '--max-reservations',
    env: 'RELAY_MAX_RESERVATIONS',
    describe: `circuit relay reservations (default ${DEFAULT_MAX_RESERVATIONS})`,
  },
}

/** Parses argv (without node and script) and the environment into a config. */
export function parseConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParseResult {
  const flags = parseFlags(argv)
  if (!flags.ok) return flags
  if (flags.help) return { ok: true, help: true }
  const raw = (key: keyof RelayConfig): string | undefined => {
    const o = OPTIONS[key]
    return flags.values.get(key) ?? (env[o.env] === '' ? undefined : env[o.env])
  }
  const port = (key: 'httpPort' | 'wsPort', fallback: number) =>
    parseInteger(raw(key), fallback, 0, 65535, OPTIONS[key])
  const httpPort = port('httpPort', DEFAULT_HTTP_PORT)
  if (!httpPort.ok) return httpPort
  const wsPort = port('wsPort', DEFAULT_WS_PORT)
  if (!wsPort.ok) return wsPort
  const maxReservations = parseInteger(
    raw('maxReservations'),
    DEFAULT_MAX_RESERVATIONS,
    1,
    1_000_000,
    OPTIONS.maxReservations,
  )
  if (!maxReservations.ok) return maxReservations
  const archiveIntervalMs = parseInteger(
    raw('archiveIntervalMs'),
    DEFAULT_ARCHIVE_INTERVAL_MS,
    100,
    86_400_000,
    OPTIONS.archiveIntervalMs,
  )
  if (!archiveIntervalMs.ok) return archiveIntervalMs
  if (httpPort.value !== 0 && httpPort.value === wsPort.value) {
    return { ok: false, reason: `HTTP and WebSockets ports must differ (both ${httpPort.value})` }
  }
  const host = raw('host') ?? DEFAULT_HOST
  if (!/^[0-9A-Za-z.:-]+$/.test(host))
    return { ok: false, reason: `invalid host ${JSON.stringify(host)}` }
  const announce = (raw('announce') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  const badAnnounce = announce.find((a) => !a.startsWith('/'))
  if (badAnnounce !== undefined) {
    return {
      ok: false,
      reason: `announce address ${JSON.stringify(badAnnounce)} is not a multiaddr`,
    }
  }
  return {
    ok: true,
    config: {
      host,
      httpPort: httpPort.value,
      wsPort: wsPort.value,
      dataDir: raw('dataDir') ?? DEFAULT_DATA_DIR,
      staticDir: raw('staticDir') ?? DEFAULT_STATIC_DIR,
      ...(raw('jobsDir') === undefined ? {} : { jobsDir: raw('jobsDir') }),
      announce,
      maxReservations: maxReservations.value,
      archiveIntervalMs: archiveIntervalMs.value,
    },
  }
}

/** The `--help` text. */
export function usage(): string {
  const lines = Object.values(OPTIONS).map(
    (o) => `  ${`${o.flag} <value>`.padEnd(26)} ${o.describe}\n  ${''.padEnd(26)} env ${o.env}`,
  )
  return `Usage: npm run relay -- [options]\n\nOptions:\n${lines.join('\n')}\n`
}

/** The `parseArgs` options: every {@link OPTIONS} flag takes a string, plus `--help`/`-h`. */
const PARSE_OPTIONS = {
  ...Object.fromEntries(
    Object.values(OPTIONS).map((o) => [o.flag.slice(2), { type: 'string' as const }]),
  ),
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * The flags in `argv`, by config key (the last one wins), or why they are bad.
 *
 * @remarks
 * `parseArgs` runs in non-strict mode and hands back its tokens, so that the reasons name the
 * option as the user typed it (`unknown option "--nope"`, `--http-port needs a value`) rather
 * than in Node's words.
 */
function parseFlags(
  argv: readonly string[],
):
  | { ok: true; help: boolean; values: Map<keyof RelayConfig, string> }
  | { ok: false; reason: string } {
  const { tokens } = parseArgs({
    args: [...argv],
    options: PARSE_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  const byFlag = new Map(
    (Object.entries(OPTIONS) as [keyof RelayConfig, Option][]).map(([key, o]) => [o.flag, key]),
  )
  const values = new Map<keyof RelayConfig, string>()
  for (const token of tokens) {
    if (token.kind === 'option' && token.name === 'help') return { ok: true, help: true, values }
  }
  for (const token of tokens) {
    if (token.kind === 'positional') {
      return { ok: false, reason: `unknown option ${JSON.stringify(token.value)}` }
    }
    if (token.kind !== 'option') continue
    const key = byFlag.get(token.rawName)
    if (key === undefined)
      return { ok: false, reason: `unknown option ${JSON.stringify(token.rawName)}` }
    if (token.value === undefined) return { ok: false, reason: `${token.rawName} needs a value` }
    values.set(key, token.value)
  }
  return { ok: true, help: false, values }
}

function parseInteger(
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
  option: Option,
): { ok: true; value: number } | { ok: false; reason: string } {
  if (text === undefined) return { ok: true, value: fallback }
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return {
      ok: false,
      reason: `${option.flag} (${option.env}) must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`,
    }
  }
  return { ok: true, value }
}
