/**
 * The replicated state of a DiLoCo job, S_h = (h, θ_h, m_h, ledger L_h, members M_h), and the
 * parameters that govern its transitions (from the job manifest).
 */
import type { LedgerParams, LedgerState } from '../ledger/index.ts'
import type { Member } from '../node/application.ts'
import type { AggregationRule } from '../training/aggregate/index.ts'
import type { CompressionSpec } from '../training/compress/index.ts'
import type { OuterConfig } from '../training/outer/index.ts'
import type { HashHex, Height, JobId, NodeId } from '../types/index.ts'

/** A member as the chain records it. */
export interface ChainMember extends Member {
  /** The height from which it votes. */
  readonly since: Height
  /** The last height at which it contributed an update or a vote. */
  readonly lastSeen: Height
}

/** S_h. */
export interface DilocoState {
  readonly job: JobId
  readonly height: Height
  /** Hash of the block that produced this state (zeros at genesis). */
  readonly blockHash: HashHex
  readonly weights: Float32Array
  readonly momentum: Float32Array
  /** The previous aggregate g_h (zeros at genesis): CenteredClip starts from it. */
  readonly lastAggregate: Float32Array
  readonly ledger: LedgerState
  /** Members voting on height h + 1, sorted by node id. */
  readonly members: readonly ChainMember[]
  /** The members that voted on height h (their certificate is checked in block h + 1). */
  readonly lastMembers: readonly ChainMember[]
  /** Nodes barred from joining until the given height (after a slash). */
  readonly banned: ReadonlyMap<NodeId, Height>
}

/** The rules of a job's chain. */
export interface ChainParams {
  readonly job: JobId
  readonly dimension: number
  readonly rule: AggregationRule
  readonly compression: CompressionSpec
  readonly outer: OuterConfig
  readonly ledger: LedgerParams
  /** A member that neither updates nor votes for this many heights is evicted. */
  readonly silentHeights: number
  /** Heights a slashed node stays out. */
  readonly banHeights: number
  /** How long a proposer waits for updates after a height starts, in ms. */
  readonly collectMs: number
  /**
   * The wall-clock budget of a member's round (the job's `roundBudgetMs`); a round trained ahead
   * gets what is left of it counted from when the block was seen, so every member's round ends
   * at about the same time. Without it, each round gets the trainer's own budget.
   */
  readonly roundBudgetMs?: number
  /** Most updates, joins, evidence and transfers one block may carry. */
  readonly maxUpdates: number
  readonly maxJoins: number
  readonly maxEvidence: number
  readonly maxTransfers: number
}
