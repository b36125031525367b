/**
 * The tab's node in one flat object, read from the dashboard store: what `window.__swarm.node()`
 * answers (tests read it), and what the autonomy loop reads as `runtime.snapshot`. It is a view
 * of the store, not a second store: the runtime's own facts come from the `node` slice, the
 * certified state from `chain.summary`, the round and votes from `consensus`, the backend and the
 * evaluations from `training`.
 */
import { formatRuv } from '../../shared/ledger/index.ts'
import type { TokenAmount } from '../../shared/types/index.ts'
import type { DashboardState, NodeStatus } from './types.ts'

/** The node's state in one flat object (plain data: it crosses `page.evaluate`). */
export interface NodeSnapshot extends NodeStatus {
  readonly nodeId?: string
  readonly backend?: string
  readonly backendReason?: string
  readonly height: number
  readonly round: number
  readonly phase?: string
  readonly proposer?: string
  readonly prevotes: number
  readonly precommits: number
  readonly quorum: number
  readonly stateHash?: string
  readonly members: number
  readonly isMember: boolean
  /** This node's balance in words (`1.250000 rUv`). */
  readonly balance: string
  /** This node's balance in micro-rUv, as a decimal string. */
  readonly balanceMicro: string
  readonly accuracy?: number
  readonly loss?: number
  readonly evaluatedHeight?: number
}

/** Copies only the defined entries (an absent field stays absent, as it was in the runtime). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

let last: { state: DashboardState; snapshot: NodeSnapshot } | undefined

/** The node snapshot of `s` (the same object for the same state). */
export function nodeSnapshot(s: DashboardState): NodeSnapshot {
  if (last?.state === s) return last.snapshot
  const summary = s.chain.summary
  const c = s.consensus
  const evaluated = s.training.evals[s.training.evals.length - 1]
  const balance = summary?.balance ?? (0n as TokenAmount)
  const snapshot: NodeSnapshot = {
    ...s.node,
    ...defined({
      nodeId: s.self,
      backend: s.training.backend?.chosen,
      backendReason: s.training.backend?.reason,
      phase: c.phase,
      proposer: c.proposer,
      stateHash: summary?.stateHash,
      accuracy: evaluated?.accuracy,
      loss: evaluated?.loss,
      evaluatedHeight: evaluated?.height,
    }),
    height: summary?.height ?? 0,
    round: c.round,
    prevotes: c.prevotes,
    precommits: c.precommits,
    quorum: c.quorum,
    members: summary?.memberCount ?? 0,
    isMember: summary?.member ?? false,
    balance: formatRuv(balance),
    balanceMicro: balance.toString(),
  }
  last = { state: s, snapshot }
  return snapshot
}
