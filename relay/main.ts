/**
 * `npm start` / `npm run relay`: the relay and bootstrap server, which also serves the app.
 *
 * Prints the app's URL, then one machine-readable line `RELAY_READY {json}` that tests and
 * scripts can wait for. Stops cleanly on SIGINT and SIGTERM.
 */
import { parseConfig, usage } from './config.ts'
import { startRelay } from './server.ts'

const parsed = parseConfig(process.argv.slice(2), process.env)
if (!parsed.ok) {
  console.error(`relay: ${parsed.reason}\n\n${usage()}`)
  process.exit(2)
}
if ('help' in parsed) {
  console.log(usage())
  process.exit(0)
}
const { config } = parsed

const relay = await startRelay(config).catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException
  const hint =
    e.code === 'EADDRINUSE' ? ' (port in use: pick another with --http-port/--ws-port)' : ''
  console.error(`relay: failed to start: ${e.message}${hint}`)
  process.exit(1)
})

let shuttingDown = false
const shutdown = (signal: string) => {
  if (shuttingDown) {
    console.log('relay: forced exit')
    process.exit(1)
  }
  shuttingDown = true
  console.log(`relay: ${signal}, shutting down`)
  const force = setTimeout(() => process.exit(1), 5_000)
  force.unref()
  relay.stop().then(
    () => {
      console.log('relay: stopped')
      process.exit(0)
    },
    (err: unknown) => {
      console.error(`relay: error while stopping: ${(err as Error).message}`)
      process.exit(1)
    },
  )
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))

// Signal handlers are in place before READY is printed, so a supervisor may stop us at once.

console.log(`Swarm relay ${relay.keyCreated ? '(new identity) ' : ''}peer ${relay.peerId}`)
for (const addr of relay.multiaddrs) console.log(`  libp2p   ${addr}`)
console.log(`  data     ${config.dataDir}`)
console.log(`\n  Open the app: ${relay.url}\n`)
console.log(
  `RELAY_READY ${JSON.stringify({ url: relay.url, httpPort: relay.httpPort, wsPort: relay.wsPort, peerId: relay.peerId, multiaddrs: relay.multiaddrs })}`,
)
