/**
 * The update attacks a tab can mount with `?attack=` (`shared/chain/test-attacks.ts`), in the
 * simulator with the real DiLoCo chain: Gaussian noise of the honest norm, "A Little Is Enough"
 * built from the height's real updates, and updates whose signature does not verify. The honest
 * nodes keep agreeing and converging, and pay the attacker less than any honest member (nothing at
 * all for updates that never verify).
 */
import { describe, expect, it } from 'vitest'
import { updateAttack } from '../../shared/chain/test-attacks.ts'
import { balanceOf, type LedgerEvent } from '../../shared/ledger/index.ts'
import { dilocoSwarm } from './lib/diloco-swarm.ts'
import { disagreements, heights } from './lib/swarm.ts'
import { toyError } from './lib/toy-trainer.ts'

const range = (n: number) => Array.from({ length: n }, (_, i) => i)
const D = 2_000

/** Update rewards (the quality-scaled part of the ledger) per node, from one node's events. */
function updateRewards(events: readonly LedgerEvent[]): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const e of events)
    if (e.type === 'reward') out.set(e.node, (out.get(e.node) ?? 0n) + e.amount)
  return out
}

describe('update attacks in the simulator', () => {
  it('noise of the honest norm is clipped: training converges and the attacker earns least', async () => {
    const n = 4
    const { swarm, target, ledgerEvents } = dilocoSwarm({
      n,
      d: D,
      updateAttack: { 3: updateAttack('noise', 7) },
    })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, range(n))) >= 12)
    expect(disagreements(swarm, range(n))).toEqual([])
    const s = swarm.nodes[0]!.state
    expect(toyError(s.weights, target)).toBeLessThan(0.1 * toyError(new Float32Array(D), target))
    const rewards = updateRewards(ledgerEvents[0]!)
    const attacker = rewards.get(swarm.members[3]!.node) ?? 0n
    for (const i of [0, 1, 2])
      expect(attacker).toBeLessThan(rewards.get(swarm.members[i]!.node) ?? 0n)
  })

  it('ALIE from the height’s real updates does not stop convergence (n = 5, z = alieZ(5, 1))', async () => {
    const n = 5
    const { swarm, target, apps } = dilocoSwarm({
      n,
      d: D,
      updateAttack: { 4: updateAttack('alie', 7) },
    })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, range(n))) >= 12)
    expect(disagreements(swarm, range(n))).toEqual([])
    const s = swarm.nodes[0]!.state
    expect(toyError(s.weights, target)).toBeLessThan(0.1 * toyError(new Float32Array(D), target))
    // The attacker's crafted updates went out and were included (ALIE looks honest by design).
    expect(apps[4]!.stats.trainedHeights).toBeGreaterThanOrEqual(10)
  })

  it('updates with a broken signature are refused and counted, never paid, and never stall the chain', async () => {
    const n = 4
    const honest = [0, 1, 2]
    const { swarm, apps, ledgerEvents } = dilocoSwarm({
      n,
      d: D,
      updateAttack: { 3: updateAttack('badsig', 7) },
    })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, honest)) >= 10)
    expect(Math.min(...heights(swarm, honest))).toBeGreaterThanOrEqual(10)
    expect(disagreements(swarm, range(n))).toEqual([])
    for (const i of honest)
      expect(apps[i]!.stats.rejected.get('update bad-signature')).toBeGreaterThanOrEqual(5)
    const cheater = swarm.members[3]!.node
    const rewards = updateRewards(ledgerEvents[0]!)
    expect(rewards.has(cheater)).toBe(false)
    for (const i of honest) expect(rewards.get(swarm.members[i]!.node)).toBeGreaterThan(0n)
    // It still votes, so it keeps its membership and small vote rewards, but earns no update reward.
    const s = swarm.nodes[0]!.state
    expect(balanceOf(s.ledger, cheater)).toBeLessThan(balanceOf(s.ledger, swarm.members[0]!.node))
  })
})
