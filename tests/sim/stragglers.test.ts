/**
 * A proposer waits for every member's update only until a quorum is in plus a grace period, so
 * one slow or paused member no longer stretches every height to the whole collect window.
 */
import { describe, expect, it } from 'vitest'
import { dilocoSwarm } from './lib/diloco-swarm.ts'
import { disagreements, heights } from './lib/swarm.ts'
import { toyTarget, toyTrainer } from './lib/toy-trainer.ts'

const N = 4
const ALL = [...Array(N).keys()]
const ROUND_MS = 1_000
/** Node 3 trains this long: past the grace, within the collect window. */
const SLOW_MS = 3_500

/** A swarm whose node 3 is slow; `roundBudgetMs` set turns the grace period on. */
function setup(slow: boolean, roundBudgetMs: number | undefined) {
  const target = toyTarget(100)
  return dilocoSwarm({
    n: N,
    d: 100,
    trainAhead: false,
    params: { collectMs: 4_000, ...(roundBudgetMs === undefined ? {} : { roundBudgetMs }) },
    trainer: (i, clock) =>
      toyTrainer(i, target, clock, { trainMs: slow && i === 3 ? SLOW_MS : ROUND_MS }),
  })
}

type Sim = ReturnType<typeof setup>

async function runTo(sim: Sim, h: number): Promise<number> {
  sim.swarm.start()
  await sim.swarm.clock.runFor(600_000, () => Math.min(...heights(sim.swarm, ALL)) >= h)
  expect(Math.min(...heights(sim.swarm, ALL))).toBeGreaterThanOrEqual(h)
  expect(disagreements(sim.swarm, ALL)).toEqual([])
  return sim.swarm.clock.now()
}

/** The heights up to `h` whose block rewarded node `i`'s update (seen by node 0). */
function includedHeights(sim: Sim, i: number, h: number): number[] {
  const id = sim.swarm.identities[i]!.nodeId
  return sim.ledgerEvents[0]!.filter(
    (e) => e.type === 'reward' && e.node === id && e.height <= h,
  ).map((e) => e.height)
}

describe('stragglers', () => {
  it('heights do not wait for a slow member beyond the grace after a quorum', async () => {
    const graced = setup(true, ROUND_MS)
    const gracedMs = await runTo(graced, 8)
    const waiting = setup(true, undefined)
    const waitingMs = await runTo(waiting, 8)
    console.log(`8 heights with a slow member: ${gracedMs} ms with the grace, ${waitingMs} without`)
    expect(gracedMs).toBeLessThan(waitingMs * 0.7)
    // Without the grace the slow member's update makes every block; with it, only some.
    expect(includedHeights(waiting, 3, 8)).toHaveLength(8)
    expect(includedHeights(graced, 3, 8).length).toBeLessThan(8)
    for (const i of [0, 1, 2]) expect(includedHeights(graced, i, 8)).toHaveLength(8)
  })

  it('includes every update when the members finish together', async () => {
    const sim = setup(false, ROUND_MS)
    await runTo(sim, 8)
    for (const i of ALL) expect(includedHeights(sim, i, 8), `node ${i}`).toHaveLength(8)
  })
})
