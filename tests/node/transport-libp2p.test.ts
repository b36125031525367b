/** The libp2p `Transport` passes the same conformance suite as the simulator's. */
import { afterAll, beforeAll } from 'vitest'
import { SwarmClient } from '../../app/net/swarm-client.ts'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'
import { transportConformance } from '../unit/transport/conformance.ts'

let relay: RelayProcess
beforeAll(async () => {
  relay = await spawnRelay()
})
afterAll(async () => {
  await relay.stop()
  await removeDataDir(relay.dataDir)
})

transportConformance(
  'js-libp2p (Node, WebRTC via the relay)',
  async () => {
    const clients = [new SwarmClient(), new SwarmClient(), new SwarmClient()]
    for (const c of clients) await c.start(relay.url)
    const [a, b, c] = clients.map((x) => x.transport!)
    const wait = async (check: () => boolean, ms: number) => {
      const end = Date.now() + ms
      while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 100))
      return check()
    }
    // Requests travel over direct links only: wait for the WebRTC mesh first.
    await wait(
      () =>
        clients.every((x) => x.snapshot.peers.filter((p) => p.connection === 'direct').length >= 2),
      30_000,
    )
    return {
      a: a!,
      b: b!,
      c: c!,
      wait,
      run: (p) => p,
      cleanup: async () => {
        await Promise.all(clients.map((x) => x.stop()))
      },
    }
  },
  90_000,
)
