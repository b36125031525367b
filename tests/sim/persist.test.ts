/**
 * A node saves every certified block and state; after a restart it resumes from storage at the
 * same height with the same state hash, and keeps up with the swarm.
 */
import { describe, expect, it } from 'vitest'
import type { DilocoState } from '../../shared/chain/index.ts'
import { SwarmNode, restore, type CertifiedBlock } from '../../shared/node/index.ts'
import { MemoryStorage } from '../../shared/storage/index.ts'
import { SIM_JOB, dilocoSwarm } from './lib/diloco-swarm.ts'
import { heights } from './lib/swarm.ts'

type Sim = ReturnType<typeof dilocoSwarm>

/** Node 3 of `sim` rebuilt on `storage`, from `state` and the certified `log` behind it. */
function node3(
  { swarm, apps }: Sim,
  storage: MemoryStorage,
  state: DilocoState,
  log?: CertifiedBlock[],
): SwarmNode<DilocoState> {
  return new SwarmNode<DilocoState>({
    job: SIM_JOB,
    identity: swarm.identities[3]!,
    transport: swarm.transports[3]!,
    clock: swarm.clock,
    app: apps[3]!,
    state,
    ...(log === undefined ? {} : { log }),
    storage,
    resendMs: 1_500,
  })
}

describe('persistence', () => {
  it('restores the same state and log after a restart and rejoins the swarm', async () => {
    const storage = new MemoryStorage()
    const sim = dilocoSwarm({ n: 4, d: 300 })
    const { swarm, apps } = sim
    // Node 3 saves to storage: rebuild it with the storage option.
    const withStorage = node3(sim, storage, swarm.nodes[3]!.state)
    swarm.start([0, 1, 2])
    withStorage.start()
    await swarm.clock.runFor(300_000, () => withStorage.view.height >= 6)
    withStorage.stop()
    const saved = withStorage.view

    const restored = await restore(storage, SIM_JOB, apps[3]!)
    expect(restored.ok).toBe(true)
    if (!restored.ok || restored.value === undefined) return
    expect(apps[3]!.view(restored.value.state)).toMatchObject({
      height: saved.height,
      stateHash: saved.stateHash,
    })
    expect(restored.value.log).toHaveLength(saved.height)

    const again = node3(sim, storage, restored.value.state, restored.value.log)
    again.start()
    const target = Math.max(...heights(swarm, [0, 1, 2])) + 3
    await swarm.clock.runFor(300_000, () => again.view.height >= target)
    expect(again.view.height).toBeGreaterThanOrEqual(target)
    expect(again.view.stateHash).toBe(
      swarm.hashes[0]!.get(again.view.height) ?? swarm.nodes[0]!.view.stateHash,
    )
  })

  it('keeps the log it started with (from a checkpoint), so a reload has the last certificate', async () => {
    const sim = dilocoSwarm({ n: 4, d: 300 })
    const { swarm, apps } = sim
    swarm.start()
    await swarm.clock.runFor(300_000, () => swarm.nodes[3]!.view.height >= 4)
    swarm.nodes[3]!.stop()
    // Node 3 starts over as a joiner would: a state and the certified blocks behind it, held in
    // memory only, and an empty storage.
    const start = swarm.nodes[3]!.state
    const log: CertifiedBlock[] = []
    for (let h = 1; h <= apps[3]!.view(start).height; h++) log.push(swarm.nodes[3]!.certified(h)!)
    const storage = new MemoryStorage()
    const joiner = node3(sim, storage, start, log)
    joiner.start()
    const from = joiner.view.height
    await swarm.clock.runFor(300_000, () => joiner.view.height >= from + 2)
    joiner.stop()

    const restored = await restore(storage, SIM_JOB, apps[3]!)
    expect(restored.ok).toBe(true)
    if (!restored.ok || restored.value === undefined) return
    expect(restored.value.log.map((e) => e.certificate.height)).toEqual(
      Array.from({ length: joiner.view.height }, (_, i) => i + 1),
    )
    expect(restored.value.log.at(-1)?.certificate.block).toBe(joiner.view.blockHash)
  })
})
