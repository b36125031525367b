/**
 * Training ahead: a member starts the next height's round on a checked block's state before the
 * block is certified, keeps it when that block is the one certified, and trains afresh when
 * another block is.
 */
import { describe, expect, it } from 'vitest'
import type { LocalTrainer } from '../../shared/chain/index.ts'
import { sha256Hex } from '../../shared/crypto/index.ts'
import type { Height } from '../../shared/types/index.ts'
import { dilocoSwarm } from './lib/diloco-swarm.ts'
import { disagreements, heights } from './lib/swarm.ts'
import { toyTarget, toyTrainer } from './lib/toy-trainer.ts'

const D = 200
const N = 4
const TRAIN_MS = 1_500

interface Call {
  readonly node: number
  readonly height: Height
  readonly at: number
  /** Hash of the weights the round started from. */
  readonly base: string
  readonly budgetMs: number | undefined
}

/** A swarm whose toy trainers log every round they are asked for. */
function setup(trainAhead: boolean) {
  const calls: Call[] = []
  const target = toyTarget(D)
  const sim = dilocoSwarm({
    n: N,
    d: D,
    trainAhead,
    params: { roundBudgetMs: TRAIN_MS },
    trainer: (i, clock): LocalTrainer => {
      const toy = toyTrainer(i, target, clock, { trainMs: TRAIN_MS })
      return {
        train: (weights, height, signal, budgetMs) => {
          const base = sha256Hex(
            new Uint8Array(weights.buffer, weights.byteOffset, weights.length * 4),
          )
          calls.push({ node: i, height, at: clock.now(), base, budgetMs })
          return toy.train(weights, height, signal)
        },
      }
    },
  })
  return { ...sim, calls }
}

/** Simulated ms until every node has committed `h`. */
async function timeTo(sim: ReturnType<typeof setup>, h: number): Promise<number> {
  const all = [...Array(N).keys()]
  await sim.swarm.clock.runFor(600_000, () => Math.min(...heights(sim.swarm, all)) >= h)
  expect(Math.min(...heights(sim.swarm, all))).toBeGreaterThanOrEqual(h)
  return sim.swarm.clock.now()
}

describe('training ahead', () => {
  it('starts each round before the previous block commits, once per height, and heights come sooner', async () => {
    const ahead = setup(true)
    ahead.swarm.start()
    const aheadMs = await timeTo(ahead, 10)
    const plain = setup(false)
    plain.swarm.start()
    const plainMs = await timeTo(plain, 10)

    expect(disagreements(ahead.swarm, [...Array(N).keys()])).toEqual([])
    for (let i = 0; i < N; i++) {
      const mine = ahead.calls.filter((c) => c.node === i && c.height <= 10)
      // Every height trained exactly once: round 0 committed the block it trained ahead on.
      expect(mine.map((c) => c.height)).toEqual([...Array(10).keys()].map((h) => h + 1))
      // From height 2 on, each round began before the previous height was committed here.
      const committedAt = new Map(
        ahead.swarm.events[i]!.flatMap((e) => (e.type === 'committed' ? [[e.height, e.at]] : [])),
      )
      for (const c of mine.filter((c) => c.height >= 2)) {
        expect(c.at, `node ${i} height ${c.height}`).toBeLessThan(
          committedAt.get((c.height - 1) as Height)!,
        )
        // What is left of the round budget from when the block was seen (checking it took time).
        expect(c.budgetMs).toBeGreaterThanOrEqual(TRAIN_MS / 2)
        expect(c.budgetMs).toBeLessThanOrEqual(TRAIN_MS)
      }
      // The first round starts with the height: the trainer's own budget.
      expect(mine[0]?.budgetMs).toBeUndefined()
    }
    // The same ten heights take less simulated time when rounds overlap the commit.
    console.log(`ten heights: ${aheadMs} ms trained ahead, ${plainMs} ms without`)
    expect(aheadMs).toBeLessThan(plainMs)
  })

  it('trains afresh when another block than the one it trained ahead on is certified', async () => {
    const sim = setup(true)
    const { swarm } = sim
    swarm.start()
    const all = [...Array(N).keys()]
    await swarm.clock.runFor(600_000, () => Math.min(...heights(swarm, all)) >= 3)
    // Height 5's round-0 proposer reaches one member only: that member checks the block and
    // trains ahead on it; the other two never see it, so round 0 fails and round 1 certifies
    // the block of the next proposer, who is with the other two and aggregates their updates
    // (another θ). Proposers rotate by one per round.
    const h = 5
    await swarm.clock.runFor(600_000, () =>
      swarm.events[0]!.some((e) => e.type === 'height-started' && e.height === h),
    )
    const proposer = roundZeroProposer(sim, h)
    expect(proposer).toBeGreaterThanOrEqual(0)
    const partner = (proposer + 2) % N
    const others = all.filter((i) => i !== proposer && i !== partner)
    const peer = (i: number) => swarm.members[i]!.peer
    swarm.net.partition([[peer(proposer), peer(partner)], others.map(peer)])
    await swarm.clock.runFor(8_000)
    swarm.net.heal()
    await swarm.clock.runFor(600_000, () => Math.min(...heights(swarm, all)) >= h + 2)

    expect(disagreements(swarm, all)).toEqual([])
    const certified = swarm.events[partner]!.find((e) => e.type === 'committed' && e.height === h)
    expect(certified?.type === 'committed' && certified.round).toBeGreaterThanOrEqual(1)
    // The partner trained height h+1 twice: ahead on the round-0 block, then on the certified one.
    const next = sim.calls.filter((c) => c.node === partner && c.height === h + 1)
    expect(next).toHaveLength(2)
    expect(next[0]!.base).not.toBe(next[1]!.base)
    const committedAt = swarm.events[partner]!.find(
      (e) => e.type === 'committed' && e.height === h,
    )!
    expect(next[0]!.at).toBeLessThan(committedAt.type === 'committed' ? committedAt.at : 0)
  })
})

/** The index of the node that proposes round 0 of height `h` (from the round events). */
function roundZeroProposer(sim: ReturnType<typeof setup>, h: number): number {
  for (const events of sim.swarm.events)
    for (const e of events)
      if (e.type === 'round' && e.height === h && e.round === 0)
        return sim.swarm.identities.findIndex((id) => id.nodeId === e.proposer)
  return -1
}
