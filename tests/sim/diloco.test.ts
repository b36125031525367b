/**
 * The DiLoCo chain in the simulator: real signatures, int8 payloads fetched by hash, robust
 * aggregation, Nesterov outer step, ledger and membership, agreed by SwarmNode consensus.
 */
import { describe, expect, it } from 'vitest'
import { balanceOf, nonceOf, sealTransfer, transferMessage } from '../../shared/ledger/index.ts'
import { topicFor, type TokenAmount } from '../../shared/types/index.ts'
import { SIM_JOB, dilocoSwarm } from './lib/diloco-swarm.ts'
import { disagreements, heights } from './lib/swarm.ts'
import { toyError } from './lib/toy-trainer.ts'

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

describe('DiLoCo chain in the simulator', () => {
  it('trains toward the target with every honest state hash equal and every member rewarded', async () => {
    const { swarm, target } = dilocoSwarm({ n: 4, d: 2_000 })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, range(4))) >= 12)
    expect(Math.min(...heights(swarm, range(4)))).toBeGreaterThanOrEqual(12)
    expect(disagreements(swarm, range(4))).toEqual([])
    const s = swarm.nodes[0]!.state
    expect(toyError(s.weights, target)).toBeLessThan(
      0.05 * toyError(new Float32Array(2_000), target),
    )
    for (const m of swarm.members) expect(balanceOf(s.ledger, m.node)).toBeGreaterThan(0n)
  })

  it('shrugs off a sign-flipping member and pays it less than the honest ones', async () => {
    const flip = (d: Float32Array) => d.map((x) => -10 * x)
    const { swarm, target } = dilocoSwarm({ n: 4, d: 2_000, attack: { 3: flip } })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, range(4))) >= 12)
    expect(disagreements(swarm, range(4))).toEqual([])
    const s = swarm.nodes[0]!.state
    expect(toyError(s.weights, target)).toBeLessThan(
      0.1 * toyError(new Float32Array(2_000), target),
    )
    const attacker = balanceOf(s.ledger, swarm.members[3]!.node)
    const honest = balanceOf(s.ledger, swarm.members[0]!.node)
    expect(attacker).toBeLessThan(honest)
  })

  it('lets the same attack wreck training under the plain mean (so the robust rule is what helps)', async () => {
    const flip = (d: Float32Array) => d.map((x) => -10 * x)
    const { swarm, target } = dilocoSwarm({
      n: 4,
      d: 2_000,
      attack: { 3: flip },
      params: { rule: { type: 'mean' } },
    })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, range(4))) >= 12)
    expect(disagreements(swarm, range(4))).toEqual([])
    expect(toyError(swarm.nodes[0]!.state.weights, target)).toBeGreaterThan(
      toyError(new Float32Array(2_000), target),
    )
  })

  it('slashes and evicts an equivocating member identically on every honest node', async () => {
    const { swarm } = dilocoSwarm({ n: 4, d: 500, misbehave: { 2: { equivocate: true } } })
    swarm.start()
    const honest = [0, 1, 3]
    const cheater = swarm.members[2]!.node
    await swarm.clock.runFor(300_000, () =>
      honest.every((i) => !swarm.nodes[i]!.state.members.some((m) => m.node === cheater)),
    )
    expect(disagreements(swarm, honest)).toEqual([])
    const s = swarm.nodes[0]!.state
    expect(s.members.map((m) => m.node)).not.toContain(cheater)
    expect(s.banned.has(cheater)).toBe(true)
    expect(s.ledger.burned).toBeGreaterThan(0n)
  })

  it('applies a signed transfer identically on every node, once', async () => {
    const { swarm } = dilocoSwarm({ n: 4, d: 300 })
    swarm.start()
    await swarm.clock.runFor(300_000, () => Math.min(...heights(swarm, range(4))) >= 4)
    const [from, to] = [swarm.identities[0]!, swarm.identities[1]!]
    const s0 = swarm.nodes[0]!.state
    const amount = 500_000n as TokenAmount
    const sealed = sealTransfer(
      from,
      transferMessage({
        job: SIM_JOB,
        height: s0.height,
        node: from.nodeId,
        to: to.nodeId,
        amount,
        nonce: nonceOf(s0.ledger, from.nodeId),
      }),
    )
    // Published twice: a replayed transfer must not apply twice (the nonce is spent).
    await swarm.clock.drive(swarm.transports[0]!.publish(topicFor(SIM_JOB, 'app'), sealed))
    await swarm.clock.drive(swarm.transports[2]!.publish(topicFor(SIM_JOB, 'app'), sealed))
    const applied = () =>
      swarm.nodes.every(
        (n) => nonceOf(n.state.ledger, from.nodeId) === nonceOf(s0.ledger, from.nodeId) + 1n,
      )
    await swarm.clock.runFor(300_000, applied)
    expect(applied()).toBe(true)
    await swarm.clock.runFor(30_000)
    expect(disagreements(swarm, range(4))).toEqual([])
    for (const n of swarm.nodes)
      expect(nonceOf(n.state.ledger, from.nodeId)).toBe(nonceOf(s0.ledger, from.nodeId) + 1n)
  })
})
