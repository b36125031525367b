/**
 * A member leaves with a signed `leave`: a block removes it, and a 3-member swarm (quorum 3) goes
 * on committing with the other two after it stops. Without the leave, the same departure stalls
 * the swarm: 2 of 3 votes are no quorum, so no block can evict the silent member.
 */
import { describe, expect, it } from 'vitest'
import { sealLeave } from '../../shared/chain/index.ts'
import { topicFor, type Height } from '../../shared/types/index.ts'
import { SIM_JOB, dilocoSwarm } from './lib/diloco-swarm.ts'
import { disagreements, heights } from './lib/swarm.ts'

const D = 200
const STAYERS = [0, 1]

async function threeAt(height: number) {
  const sim = dilocoSwarm({ n: 3, d: D })
  sim.swarm.start()
  await sim.swarm.clock.runFor(300_000, () => Math.min(...heights(sim.swarm, [0, 1, 2])) >= height)
  return sim
}

describe('leaving the swarm', () => {
  it('a signed leave removes the member, and the rest keep committing without it', async () => {
    const { swarm, apps } = await threeAt(3)
    const leaver = swarm.identities[2]!
    const leave = sealLeave(leaver, SIM_JOB, swarm.nodes[2]!.view.height)
    expect(apps[2]!.submit(leave, swarm.nodes[2]!.state).ok).toBe(true)
    await swarm.clock.drive(swarm.transports[2]!.publish(topicFor(SIM_JOB, 'app'), leave))
    const gone = () =>
      STAYERS.every((i) => !swarm.nodes[i]!.state.members.some((m) => m.node === leaver.nodeId))
    await swarm.clock.runFor(120_000, gone)
    expect(gone()).toBe(true)
    // Once out, it stops; the two left form their own quorum.
    swarm.nodes[2]!.stop()
    const at = Math.min(...heights(swarm, STAYERS))
    await swarm.clock.runFor(120_000, () => Math.min(...heights(swarm, STAYERS)) >= at + 4)
    expect(Math.min(...heights(swarm, STAYERS))).toBeGreaterThanOrEqual(at + 4)
    expect(swarm.nodes[0]!.state.members.map((m) => m.node).sort()).toEqual(
      STAYERS.map((i) => swarm.identities[i]!.nodeId).sort(),
    )
    // Not banned: it may join again.
    expect(swarm.nodes[0]!.state.banned.has(leaver.nodeId)).toBe(false)
    expect(disagreements(swarm, STAYERS)).toEqual([])
  })

  it('without a leave, one of three stopping stalls the swarm (the case leave exists for)', async () => {
    const { swarm } = await threeAt(3)
    swarm.nodes[2]!.stop()
    const at = Math.max(...heights(swarm, STAYERS))
    await swarm.clock.runFor(120_000, () => false)
    expect(Math.max(...heights(swarm, STAYERS))).toBeLessThanOrEqual(at + 1)
  })

  it('a leave from a non-member, for another job or from before a rejoin is refused', async () => {
    const { swarm, apps } = await threeAt(2)
    const s = swarm.nodes[0]!.state
    const outsider = sealLeave(swarm.identities[0]!, 'c'.repeat(64) as never, s.height)
    expect(apps[0]!.submit(outsider, s).ok).toBe(false)
    const future = sealLeave(swarm.identities[1]!, SIM_JOB, (s.height + 5) as Height)
    const r = apps[0]!.submit(future, s)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/outside/)
  })
})
