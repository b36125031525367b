/**
 * Adapters from the node's parts to store inputs. Each one subscribes to a source and dispatches;
 * none of them is read by a view. The tab's runtime writes through its `NodeFeed` (`node-feed.ts`);
 * `feedNode` does the same for a bare `SwarmNode` (tests, simulator recordings).
 */
import type { DilocoState } from '../../shared/chain/index.ts'
import { isMember } from '../../shared/chain/members.ts'
import { balanceOf } from '../../shared/ledger/index.ts'
import type { NodeEvent } from '../../shared/node/index.ts'
import type { HashHex, NodeId, TokenAmount } from '../../shared/types/index.ts'
import type { SwarmSnapshot } from '../net/swarm-client.ts'
import type { DashboardStore } from './store.ts'
import type { ChainSummary } from './types.ts'

/** What the dashboard keeps of a certified state: no weights, only what it shows. */
export function chainSummary(
  state: DilocoState,
  self: NodeId | undefined,
  stateHash: HashHex,
): ChainSummary {
  return {
    height: state.height,
    stateHash,
    balance: self === undefined ? (0n as TokenAmount) : balanceOf(state.ledger, self),
    member: isMember(state, self),
    memberCount: state.members.length,
    members: state.members.map((m) => ({
      node: m.node,
      peer: m.peer,
      since: m.since,
      lastSeen: m.lastSeen,
    })),
    supply: { minted: state.ledger.minted, burned: state.ledger.burned },
  }
}

/** The part of `SwarmClient` the dashboard listens to. */
export interface SwarmSource {
  readonly snapshot: SwarmSnapshot
  subscribe(listener: (s: SwarmSnapshot) => void): () => void
}

/** Mirrors the swarm client's snapshots into the store; returns the unsubscribe function. */
export function feedSwarm(client: SwarmSource, store: DashboardStore): () => void {
  store.dispatch({ kind: 'swarm', snapshot: client.snapshot })
  return client.subscribe((snapshot) => store.dispatch({ kind: 'swarm', snapshot }))
}

/** The part of `SwarmNode<DilocoState>` the dashboard listens to. */
export interface NodeSource {
  on(listener: (e: NodeEvent) => void): () => void
  readonly state: DilocoState
}

/**
 * Forwards a node's events, and after each certified height the summary of its state; returns
 * the function that stops. Marks the store as attached while it runs.
 */
export function feedNode(node: NodeSource, store: DashboardStore, self: NodeId): () => void {
  store.dispatchAll([
    { kind: 'identity', nodeId: self },
    { kind: 'attached', attached: true },
  ])
  const off = node.on((event) => {
    if (event.type === 'committed') {
      store.dispatchAll([
        { kind: 'node', event },
        { kind: 'chain', summary: chainSummary(node.state, self, event.stateHash) },
      ])
    } else {
      store.dispatch({ kind: 'node', event })
    }
  })
  return () => {
    off()
    store.dispatch({ kind: 'attached', attached: false })
  }
}

/** Mirrors `navigator.onLine` into the store; returns the function that stops. */
export function feedOnline(store: DashboardStore, target: Window = window): () => void {
  const update = () => store.dispatch({ kind: 'online', online: target.navigator.onLine })
  update()
  target.addEventListener('online', update)
  target.addEventListener('offline', update)
  return () => {
    target.removeEventListener('online', update)
    target.removeEventListener('offline', update)
  }
}
