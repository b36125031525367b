/**
 * A node joins at height 20 through the production lifecycle (`shared/node/lifecycle`): `catchUp`
 * fetches a checkpoint from the peers, verifies the certificate chain and the state hash against
 * its own genesis, the node follows the swarm, `JoinService` asks to join until it is a member,
 * and then it contributes. Forged and truncated checkpoints are refused with a reason.
 */
import { describe, expect, it } from 'vitest'
import {
  genesisState,
  isMember,
  verifyCheckpoint,
  type DilocoState,
} from '../../shared/chain/index.ts'
import {
  CHECKPOINT_PROTOCOL,
  JoinService,
  ResyncService,
  SwarmNode,
  catchUp,
  decodeCheckpoint,
  encodeCheckpoint,
  peerCheckpoints,
  type CaughtUp,
  type CatchUpOptions,
  type CheckpointSource,
} from '../../shared/node/index.ts'
import { SIM_JOB, dilocoSwarm } from './lib/diloco-swarm.ts'
import { disagreements, heights } from './lib/swarm.ts'

const D = 500
const FOUNDERS = [0, 1, 2, 3]

async function swarmAt20() {
  const sim = dilocoSwarm({ n: 5, d: D, genesisMembers: 4 })
  sim.swarm.start(FOUNDERS)
  await sim.swarm.clock.runFor(600_000, () => Math.min(...heights(sim.swarm, FOUNDERS)) >= 20)
  const genesis = genesisState(SIM_JOB, new Float32Array(D), sim.swarm.members.slice(0, 4))
  const got = await sim.swarm.clock.drive(
    sim.swarm.transports[4]!.request(
      sim.swarm.members[0]!.peer,
      CHECKPOINT_PROTOCOL,
      new Uint8Array(0),
      {
        maxBytes: 256 * 1024 * 1024,
      },
    ),
  )
  if (!got.ok) throw new Error(got.reason)
  const cp = decodeCheckpoint(got.value)
  if (!cp.ok) throw new Error(cp.reason)
  return { ...sim, genesis, checkpoint: cp.value }
}

describe('joining from a checkpoint', () => {
  it('verifies the chain, catches up, joins and contributes', async () => {
    const { swarm, apps, genesis, params } = await swarmAt20()
    const rejected: string[] = []
    const caught = await swarm.clock.drive(
      catchUp(
        {
          clock: swarm.clock,
          sources: [peerCheckpoints(swarm.transports[4]!)],
          genesis,
          params,
          onRejected: (from, reason) => rejected.push(`${from}: ${reason}`),
        },
        { deadline: swarm.clock.now() + 60_000 },
      ),
    )
    expect(rejected).toEqual([])
    expect(caught).toBeDefined()
    if (caught === undefined) return
    expect(caught.state.height).toBeGreaterThanOrEqual(20)

    const me = swarm.identities[4]!
    const joiner = new SwarmNode<DilocoState>({
      job: SIM_JOB,
      identity: me,
      transport: swarm.transports[4]!,
      clock: swarm.clock,
      app: apps[4]!,
      state: caught.state,
      log: caught.log,
      resendMs: 1_500,
    })
    const committed: number[] = []
    joiner.on((e) => e.type === 'committed' && committed.push(e.height))
    joiner.start()
    let asks = 0
    const join = new JoinService({
      identity: me,
      transport: swarm.transports[4]!,
      clock: swarm.clock,
      node: () => joiner,
      onAsk: () => asks++,
    })
    join.start()
    const member = () => isMember(joiner.state, me.nodeId)
    await swarm.clock.runFor(300_000, member)
    expect(member()).toBe(true)
    // The loop ends on its own once the certified state lists the node.
    await swarm.clock.drive(join.done)
    expect(join.running).toBe(false)
    expect(asks).toBeGreaterThanOrEqual(1)
    // Once a member, its updates are included: it earns rewards.
    await swarm.clock.runFor(
      300_000,
      () => apps[4]!.stats.trainedHeights >= 3 && joiner.view.height >= committed[0]! + 4,
    )
    const s = joiner.state
    expect(swarm.nodes[0]!.view.height - s.height).toBeLessThanOrEqual(1)
    expect(s.ledger.accounts.get(me.nodeId)?.balance ?? 0n).toBeGreaterThan(0n)
    // Same state hash as the founders at every height both committed.
    const h = Math.min(s.height, swarm.nodes[0]!.view.height)
    expect(joiner.certified(h)?.certificate.block).toBe(
      swarm.nodes[0]!.certified(h)?.certificate.block,
    )
    expect(disagreements(swarm, FOUNDERS)).toEqual([])
  })

  it('refuses forged and truncated checkpoints, saying why', async () => {
    const { genesis, checkpoint, params, swarm } = await swarmAt20()
    const last = checkpoint.entries.length - 1
    const truncated = { ...checkpoint, entries: checkpoint.entries.slice(0, last) }
    expect(verifyCheckpoint(truncated, genesis, params)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/height/) as unknown,
    })

    const tamperedState = checkpoint.state.slice()
    tamperedState[tamperedState.length - 200]! ^= 1
    const r1 = verifyCheckpoint({ ...checkpoint, state: tamperedState }, genesis, params)
    expect(r1.ok).toBe(false)

    const badBlock = checkpoint.entries.map((e, i) =>
      i === 5 ? { ...e, block: e.block.map((b, j) => (j === 40 ? b ^ 1 : b)) } : e,
    )
    expect(verifyCheckpoint({ ...checkpoint, entries: badBlock }, genesis, params)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/height 6: block does not match its certificate/) as unknown,
    })

    // A checkpoint made by other members than ours (a different genesis) fails its first certificate.
    const otherGenesis = genesisState(SIM_JOB, new Float32Array(D), swarm.members.slice(1, 5))
    expect(verifyCheckpoint(checkpoint, otherGenesis, params)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/height 1/) as unknown,
    })

    const garbage = decodeCheckpoint(encodeCheckpoint(checkpoint).subarray(0, 1000))
    expect(garbage.ok).toBe(false)

    // Catch-up refuses each bad one with its reason and starts from the first that verifies.
    const served: CheckpointSource = () => [
      { from: 'truncated', bytes: encodeCheckpoint(truncated) },
      { from: 'forged', bytes: encodeCheckpoint({ ...checkpoint, entries: badBlock }) },
      { from: 'garbage', bytes: encodeCheckpoint(checkpoint).subarray(0, 1000) },
      { from: 'good', bytes: encodeCheckpoint(checkpoint) },
    ]
    const rejected: string[] = []
    const caught = await catchUp({
      clock: swarm.clock,
      sources: [served],
      genesis,
      params,
      onRejected: (from, reason) => rejected.push(`${from}: ${reason}`),
    })
    expect(rejected).toHaveLength(3)
    expect(rejected[0]).toMatch(/^truncated: .*height/)
    expect(rejected[1]).toMatch(/^forged: height 6: block does not match its certificate/)
    expect(rejected[2]).toMatch(/^garbage: ./)
    expect(caught?.state.height).toBeGreaterThanOrEqual(20)
  })

  it('resyncs from a checkpoint at least as high, and keeps the state otherwise, saying why', async () => {
    const { swarm, genesis, params } = await swarmAt20()
    const fromPeers = (o: CatchUpOptions) =>
      catchUp(
        { clock: swarm.clock, sources: [peerCheckpoints(swarm.transports[4]!)], genesis, params },
        o,
      )
    let height = 5
    const relaunched: CaughtUp[] = []
    const resync = new ResyncService({
      clock: swarm.clock,
      catchUp: fromPeers,
      height: () => height,
      relaunch: (from) => relaunched.push(from),
    })
    await swarm.clock.drive(resync.resync())
    expect(relaunched).toHaveLength(1)
    expect(relaunched[0]!.state.height).toBeGreaterThanOrEqual(20)

    height = 1_000
    // The refusal is caught as a value, so it is never an unhandled rejection while the clock runs.
    const refusal = (r: ResyncService) =>
      r.resync().then(
        () => undefined,
        (err: unknown) => err,
      )
    expect(await swarm.clock.drive(refusal(resync))).toMatchObject({
      name: 'ResyncError',
      reason: 'behind',
    })
    const none = new ResyncService(
      {
        clock: swarm.clock,
        catchUp: (o) => catchUp({ clock: swarm.clock, sources: [], genesis, params }, o),
        height: () => 5,
        relaunch: (from) => relaunched.push(from),
      },
      { timeoutMs: 10_000 },
    )
    expect(await swarm.clock.drive(refusal(none))).toMatchObject({
      name: 'ResyncError',
      reason: 'no-checkpoint',
    })
    expect(relaunched).toHaveLength(1)
  })
})
