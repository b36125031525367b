/**
 * Real networking, no browser: four Node libp2p peers (WebRTC through node-datachannel, signalled
 * through the real relay) connect directly and run certified DiLoCo heights with SwarmNode over
 * the libp2p Transport: gossip for headers and votes, request streams for payloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { realClock } from '../../app/node/real-clock.ts'
import { SwarmClient } from '../../app/net/swarm-client.ts'
import { DilocoApp, decodeBlock, genesisState, type DilocoState } from '../../shared/chain/index.ts'
import { SwarmNode, type Member } from '../../shared/node/index.ts'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'
import { SIM_JOB, simParams } from '../sim/lib/diloco-swarm.ts'
import { simIdentity } from '../sim/lib/swarm.ts'
import { toyError, toyTarget, toyTrainer } from '../sim/lib/toy-trainer.ts'

const N = 4
const D = 5_000
const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 100))
  return check()
}

describe('Node peers over libp2p and the relay', () => {
  let relay: RelayProcess
  const clients: SwarmClient[] = []
  const nodes: SwarmNode<DilocoState>[] = []

  beforeAll(async () => {
    relay = await spawnRelay()
  })

  afterAll(async () => {
    for (const n of nodes) n.stop()
    await Promise.all(clients.map((c) => c.stop()))
    await relay.stop()
    await removeDataDir(relay.dataDir)
  })

  it('connect directly and commit certified heights with identical state hashes', async () => {
    for (let i = 0; i < N; i++) {
      const c = new SwarmClient()
      clients.push(c)
      await c.start(relay.url)
    }
    expect(clients.every((c) => c.snapshot.status === 'running')).toBe(true)
    const direct = () =>
      clients.every(
        (c) => c.snapshot.peers.filter((p) => p.connection === 'direct').length >= N - 1,
      )
    expect(await until(direct, 60_000)).toBe(true)

    const identities = Array.from({ length: N }, (_, i) => simIdentity(42, i))
    const founders: Member[] = identities.map((id, i) => ({
      node: id.nodeId,
      publicKey: id.publicKey,
      peer: clients[i]!.transport!.self,
    }))
    const genesis = genesisState(SIM_JOB, new Float32Array(D), founders)
    const target = toyTarget(D)
    const params = simParams(D, { collectMs: 3_000 })
    // State hashes by height, as each node's `committed` event reports them (its view's height is
    // set a little earlier, before the commit is persisted: wait for the events, not the view).
    const committed = identities.map(() => new Map<number, string>())
    identities.forEach((identity, i) => {
      const node = new SwarmNode<DilocoState>({
        job: SIM_JOB,
        identity,
        transport: clients[i]!.transport!,
        clock: realClock,
        app: new DilocoApp({
          params,
          identity,
          trainer: toyTrainer(i, target, realClock, { trainMs: 200 }),
        }),
        state: genesis,
        timeouts: {
          propose: (r) => 8_000 + 2_000 * r,
          prevote: (r) => 2_000 + 1_000 * r,
          precommit: (r) => 2_000 + 1_000 * r,
        },
      })
      node.on((e) => e.type === 'committed' && committed[i]!.set(e.height, e.stateHash))
      nodes.push(node)
    })
    nodes.forEach((n) => n.start())
    // The heights every node has committed, from 1 on.
    const common = () => {
      let h = 0
      while (committed.every((c) => c.has(h + 1))) h++
      return h
    }
    expect(await until(() => common() >= 3, 90_000)).toBe(true)
    const h = common()
    for (let height = 1; height <= h; height++)
      expect(new Set(committed.map((c) => c.get(height))).size).toBe(1)
    const s = nodes[0]!.state
    expect(toyError(s.weights, target)).toBeLessThan(toyError(new Float32Array(D), target))
    // Payloads crossed the direct links: blocks include the others' updates, not just the proposer's.
    const included = Array.from({ length: h }, (_, k) => {
      const b = decodeBlock(nodes[0]!.certified(k + 1)!.block)
      return b.ok ? b.value.updates.length : 0
    })
    expect(Math.max(...included)).toBe(N)
    for (let height = 1; height <= h; height++) {
      expect(nodes[0]!.certified(height)?.certificate.precommits.length).toBeGreaterThanOrEqual(3)
    }
  }, 180_000)
})
