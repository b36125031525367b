import { describe, expect, it } from 'vitest'
import { balanceOf } from '../../../shared/ledger/index.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import { feedNode, feedSwarm, type SwarmSource } from '../../../app/state/sources.ts'
import { INITIAL_SWARM } from '../../../app/state/reduce.ts'
import type { SwarmSnapshot } from '../../../app/net/swarm-client.ts'
import type { PeerIdString } from '../../../shared/types/index.ts'
import { dilocoSwarm } from '../../sim/lib/diloco-swarm.ts'

describe('feedNode, live from a simulated swarm', () => {
  it('shows exactly the height, state hash, members and balance the node holds', async () => {
    const { swarm } = dilocoSwarm({ n: 4, d: 64, seed: 3 })
    const store = createDashboardStore()
    const node = swarm.nodes[0]!
    const self = swarm.identities[0]!.nodeId
    const stop = feedNode(node, store, self)
    swarm.start()
    await swarm.clock.runFor(120_000, () => node.view.height >= 4)
    const s = store.getSnapshot()
    expect(s.attached).toBe(true)
    expect(s.consensus.committedHeight).toBe(node.view.height)
    expect(s.chain.summary?.height).toBe(node.view.height)
    expect(s.chain.summary?.stateHash).toBe(node.view.stateHash)
    expect(s.consensus.certificates[0]?.stateHash).toBe(node.view.stateHash)
    expect(s.chain.summary?.balance).toBe(balanceOf(node.state.ledger, self))
    expect(s.chain.summary?.members?.map((m) => m.node)).toEqual(
      node.view.members.map((m) => m.node),
    )
    stop()
    expect(store.getSnapshot().attached).toBe(false)
    for (const n of swarm.nodes) n.stop()
  })
})

describe('feedSwarm', () => {
  it('mirrors the swarm client’s snapshots, the current one first', () => {
    let listener: ((s: SwarmSnapshot) => void) | undefined
    const source: SwarmSource = {
      snapshot: { ...INITIAL_SWARM, status: 'running' },
      subscribe: (l) => {
        listener = l
        return () => (listener = undefined)
      },
    }
    const store = createDashboardStore()
    const stop = feedSwarm(source, store)
    expect(store.getSnapshot().swarm.status).toBe('running')
    const peer = { id: '12D3KooWpeer' as PeerIdString, connection: 'direct' as const, rttMs: 12 }
    listener?.({ ...INITIAL_SWARM, status: 'running', peers: [peer] })
    expect(store.getSnapshot().swarm.peers).toEqual([peer])
    stop()
    expect(listener).toBeUndefined()
  })
})
