/**
 * Consensus scenarios over the simulated network, deterministic by seed: liveness with a silent
 * member, a crashed proposer, a partition that stops progress without forking, equivocation.
 */
import { describe, expect, it } from 'vitest'
import { consensusCodec } from '../../shared/consensus/codec.ts'
import { decodeFrame } from '../../shared/node/wire.ts'
import { decodeEnvelope } from '../../shared/protocol/index.ts'
import type { HashHex, JobId, NodeId } from '../../shared/types/index.ts'
import { counterApp, counterGenesis, type CounterState } from './lib/counter-app.ts'
import { createSwarm, disagreements, heights, type Swarm, type SwarmOptions } from './lib/swarm.ts'

const JOB = 'a'.repeat(64) as JobId
const FAST = {
  propose: (r: number) => 3_000 + 1_000 * r,
  prevote: (r: number) => 500 + 250 * r,
  precommit: (r: number) => 500 + 250 * r,
}

function counterSwarm(o: Partial<SwarmOptions<CounterState>> & { n: number }) {
  return createSwarm<CounterState>({
    seed: 1,
    job: JOB,
    timeouts: FAST,
    resendMs: 1_000,
    genesis: counterGenesis,
    app: () => counterApp({ job: JOB }),
    ...o,
  })
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

/**
 * Taps every node's consensus topic: the block hashes anyone proposed, and what `voter`'s
 * prevotes and precommits were for (as node 1 received them).
 */
function tapVotes(swarm: Swarm<CounterState>, voter: NodeId) {
  const votes: (HashHex | null)[] = []
  const proposed = new Set<HashHex>()
  swarm.transports.forEach((t, i) =>
    t.on('message', (m) => {
      const frame = decodeFrame(m.data)
      const env = frame.ok ? decodeEnvelope(frame.value.envelope) : undefined
      const msg = env?.ok === true ? consensusCodec.decode(env.value.body) : undefined
      if (msg?.ok !== true) return
      if (msg.value.type === 'proposal') proposed.add(msg.value.block)
      else if (i === 1 && msg.value.node === voter) votes.push(msg.value.block)
    }),
  )
  return { votes, proposed }
}

describe('SwarmNode consensus in the simulator', () => {
  it('keeps committing heights with one of four members silent, all honest hashes equal', async () => {
    const swarm = counterSwarm({ n: 4, misbehave: { 3: { silent: true } } })
    swarm.start()
    const honest = [0, 1, 2]
    await swarm.clock.runFor(120_000, () => Math.min(...heights(swarm, honest)) >= 10)
    expect(Math.min(...heights(swarm, honest))).toBeGreaterThanOrEqual(10)
    expect(disagreements(swarm, honest)).toEqual([])
  })

  it('commits in a later round at the heights whose round-0 proposer has crashed', async () => {
    const swarm = counterSwarm({ n: 4 })
    swarm.start()
    await swarm.clock.runFor(3_000)
    const crashed = 2
    swarm.net.crash(swarm.members[crashed]!.peer)
    const from = swarm.nodes[0]!.view.height + 2
    const honest = [0, 1, 3]
    await swarm.clock.runFor(60_000, () => Math.min(...heights(swarm, honest)) >= from + 8)
    const sorted = [...swarm.members].sort((a, b) => (a.node < b.node ? -1 : 1))
    const rank = sorted.findIndex((m) => m.node === swarm.members[crashed]!.node)
    const committed = swarm.events[0]!.filter((e) => e.type === 'committed' && e.height >= from)
    const itsTurn = committed.filter((e) => e.type === 'committed' && e.height % 4 === rank)
    const others = committed.filter((e) => e.type === 'committed' && e.height % 4 !== rank)
    expect(itsTurn.length).toBeGreaterThanOrEqual(2)
    for (const e of itsTurn) expect(e.type === 'committed' && e.round).toBeGreaterThan(0)
    for (const e of others) expect(e.type === 'committed' && e.round).toBe(0)
    expect(disagreements(swarm, honest)).toEqual([])
  })

  it('stops without forking under a 2/2 partition and continues once healed', async () => {
    const swarm = counterSwarm({ n: 4 })
    swarm.start()
    await swarm.clock.runFor(3_000)
    const peers = swarm.members.map((m) => m.peer)
    swarm.net.partition([peers.slice(0, 2), peers.slice(2)])
    await swarm.clock.runFor(2_000)
    const before = heights(swarm, range(4))
    await swarm.clock.runFor(30_000)
    const during = heights(swarm, range(4))
    expect(Math.max(...during)).toBeLessThanOrEqual(Math.max(...before) + 1)
    expect(disagreements(swarm, range(4))).toEqual([])
    swarm.net.heal()
    const target = Math.max(...during) + 5
    await swarm.clock.runFor(120_000, () => Math.min(...heights(swarm, range(4))) > target)
    const after = heights(swarm, range(4))
    expect(Math.min(...after)).toBeGreaterThan(target)
    expect(disagreements(swarm, range(4))).toEqual([])
  })

  it('records the same equivocation evidence and slash on every honest node', async () => {
    const swarm = counterSwarm({ n: 4, misbehave: { 2: { equivocate: true } } })
    swarm.start()
    const honest = [0, 1, 3]
    await swarm.clock.runFor(60_000, () => Math.min(...heights(swarm, honest)) >= 6)
    const cheater = swarm.identities[2]!.nodeId
    for (const i of honest) {
      expect(swarm.events[i]!.some((e) => e.type === 'evidence' && e.node === cheater)).toBe(true)
      expect(swarm.nodes[i]!.state.balances.get(cheater)).toBeLessThan(100)
      expect(swarm.nodes[i]!.state.balances.get(swarm.identities[0]!.nodeId)).toBe(100)
    }
    const balances = honest.map((i) => swarm.nodes[i]!.state.balances.get(cheater))
    expect(new Set(balances).size).toBe(1)
    expect(disagreements(swarm, honest)).toEqual([])
  })

  it('commits despite a member that always votes for a block nobody proposed', async () => {
    const swarm = counterSwarm({ n: 4, misbehave: { 0: { wrongVotes: true } } })
    const tap = tapVotes(swarm, swarm.identities[0]!.nodeId)
    swarm.start()
    const honest = [1, 2, 3]
    await swarm.clock.runFor(120_000, () => Math.min(...heights(swarm, honest)) >= 8)
    expect(Math.min(...heights(swarm, honest))).toBeGreaterThanOrEqual(8)
    expect(disagreements(swarm, honest)).toEqual([])
    // The member did vote for blocks, at every height, and never for one that was proposed.
    const forBlocks = tap.votes.filter((v): v is HashHex => v !== null)
    expect(forBlocks.length).toBeGreaterThanOrEqual(2 * 8)
    expect(forBlocks.filter((v) => tap.proposed.has(v))).toEqual([])
  })

  it('stalls without forking when more than f members vote for blocks nobody proposed', async () => {
    const wrong = { wrongVotes: true }
    const swarm = counterSwarm({ n: 4, misbehave: { 0: wrong, 1: wrong } })
    swarm.start()
    await swarm.clock.runFor(30_000)
    expect(Math.max(...heights(swarm, range(4)))).toBe(0)
  })

  it('rejects blocks from a Byzantine proposer and commits honest ones', async () => {
    const swarm = counterSwarm({
      n: 4,
      app: (i) => counterApp({ job: JOB, badProposals: i === 1 }),
    })
    swarm.start()
    await swarm.clock.runFor(120_000, () => Math.min(...heights(swarm, range(4))) >= 5)
    expect(Math.min(...heights(swarm, range(4)))).toBeGreaterThanOrEqual(5)
    const invalid = swarm.events[0]!.filter((e) => e.type === 'proposal' && !e.valid)
    expect(invalid.length).toBeGreaterThan(0)
    expect(disagreements(swarm, range(4))).toEqual([])
  })

  it('brings a node that was cut off back up to date through sync', async () => {
    const swarm = counterSwarm({ n: 4 })
    swarm.start()
    const lagger = swarm.members[3]!.peer
    swarm.net.crash(lagger)
    await swarm.clock.runFor(20_000)
    expect(swarm.nodes[3]!.view.height).toBe(0)
    swarm.net
      .endpoints()
      .find((e) => e.self === lagger)!
      .setDown(false)
    await swarm.clock.runFor(20_000)
    const hs = heights(swarm, range(4))
    expect(Math.abs(hs[3]! - hs[0]!)).toBeLessThanOrEqual(1)
    expect(swarm.events[3]!.some((e) => e.type === 'synced')).toBe(true)
    expect(disagreements(swarm, range(4))).toEqual([])
  })
})
