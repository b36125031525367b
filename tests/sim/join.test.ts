/**
 * A node joins at height 20: it fetches a checkpoint, verifies the certificate chain and the state
 * hash against its own genesis, follows the swarm, asks to join, and then contributes. Forged and
 * truncated checkpoints are refused with a reason.
 */
import { describe, expect, it } from 'vitest'
import {
  genesisState,
  sealJoin,
  verifyCheckpoint,
  type DilocoState,
} from '../../shared/chain/index.ts'
import {
  CHECKPOINT_PROTOCOL,
  SwarmNode,
  decodeCheckpoint,
  encodeCheckpoint,
  type CertifiedBlock,
} from '../../shared/node/index.ts'
import { decodeCertificate } from '../../shared/consensus/index.ts'
import { topicFor } from '../../shared/types/index.ts'
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
    const { swarm, apps, genesis, checkpoint, params } = await swarmAt20()
    const verified = verifyCheckpoint(checkpoint, genesis, params)
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    expect(verified.value.height).toBeGreaterThanOrEqual(20)

    const log: CertifiedBlock[] = checkpoint.entries.map((e) => {
      const c = decodeCertificate(e.certificate)
      if (!c.ok) throw new Error(c.reason)
      return { block: e.block, certificate: c.value }
    })
    const me = swarm.identities[4]!
    const joiner = new SwarmNode<DilocoState>({
      job: SIM_JOB,
      identity: me,
      transport: swarm.transports[4]!,
      clock: swarm.clock,
      app: apps[4]!,
      state: verified.value,
      log,
      resendMs: 1_500,
    })
    const committed: number[] = []
    joiner.on((e) => e.type === 'committed' && committed.push(e.height))
    joiner.start()
    const join = sealJoin(me, SIM_JOB, verified.value.height, swarm.members[4]!.peer)
    await swarm.clock.drive(swarm.transports[4]!.publish(topicFor(SIM_JOB, 'app'), join))
    const isMember = () => joiner.state.members.some((m) => m.node === me.nodeId)
    await swarm.clock.runFor(300_000, () => isMember())
    expect(isMember()).toBe(true)
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
  })
})
