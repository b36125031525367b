/** Events a `SwarmNode` emits for the UI, the simulator and tests. */
import type { HashHex, Height, NodeId } from '../types/index.ts'

/** Where the node is within a height. */
export type Phase =
  'syncing' | 'training' | 'propose' | 'prevote' | 'precommit' | 'applying' | 'stopped'

/** Everything a node reports. */
export type NodeEvent =
  | {
      readonly type: 'height-started'
      readonly height: Height
      readonly members: number
      readonly at: number
    }
  | {
      readonly type: 'round'
      readonly height: Height
      readonly round: number
      readonly phase: Phase
      readonly proposer: NodeId
    }
  | {
      readonly type: 'proposal'
      readonly height: Height
      readonly round: number
      readonly block: HashHex
      readonly valid: boolean
      readonly reason?: string
      readonly at: number
    }
  | {
      readonly type: 'votes'
      readonly height: Height
      readonly round: number
      readonly prevotes: number
      readonly precommits: number
      readonly quorum: number
    }
  | {
      readonly type: 'committed'
      readonly height: Height
      readonly round: number
      readonly block: HashHex
      readonly stateHash: HashHex
      readonly voters: number
      readonly at: number
      /** Time from the first proposal seen for this height to the decision, in ms. */
      readonly latencyMs: number | undefined
    }
  | {
      readonly type: 'evidence'
      readonly height: Height
      readonly node: NodeId
      readonly kind: string
    }
  | { readonly type: 'rejected'; readonly reason: string; readonly from: string }
  | { readonly type: 'synced'; readonly height: Height; readonly from: string }
