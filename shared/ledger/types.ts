/** The ledger's data: its state, parameters, one height's outcome and the events it produces. */
import type { Height, NodeId, TokenAmount } from '../types/index.ts'
import type { TransferMessage } from './transfer.ts'

/** One node's account. A node with neither balance nor nonce has no account (canonical form). */
export interface Account {
  readonly balance: TokenAmount
  /** The nonce its next transfer must carry: the number of transfers it has settled. */
  readonly nonce: bigint
}

/**
 * The ledger L_h of the replicated state S_h. Treat it as immutable: `applyHeight` copies the
 * account map once and never changes the state it was given.
 */
export interface LedgerState {
  /** The last height applied (0 at genesis). */
  readonly height: Height
  /** Accounts by node id. Never iterate it for anything consensus-relevant: sort first. */
  readonly accounts: ReadonlyMap<NodeId, Account>
  /** Everything ever minted (genesis allocations and rewards). */
  readonly minted: TokenAmount
  /** Everything ever burned (slashes). */
  readonly burned: TokenAmount
}

/** A rational number `num / den` with `0 ≤ num ≤ den`, `den > 0`. */
export interface Fraction {
  readonly num: bigint
  readonly den: bigint
}

/** Reward, slash and transfer rules of a job (from its manifest's `rewards`). */
export interface LedgerParams {
  /** Minted to an included update of quality 1 with at least `targetSamples` samples. */
  readonly updateReward: TokenAmount
  /** Samples at which an update earns its full reward (≥ 1). */
  readonly targetSamples: number
  /** Minted to the proposer of each certified block. */
  readonly proposerReward: TokenAmount
  /** Minted to each signer of the previous height's commit listed in a block. */
  readonly voterReward: TokenAmount
  /** Share of its balance an equivocator loses, burned (rounded down). */
  readonly slashFraction: Fraction
  /** Heights an equivocator stays evicted; membership enforces it, the ledger only carries it. */
  readonly evictionHeights: number
  /** Largest amount a single transfer may move. */
  readonly maxTransferAmount: TokenAmount
}

/** One included update's share of the work at a height. */
export interface Contribution {
  readonly node: NodeId
  /** The aggregation rule's quality of the update, in [0, 1]. */
  readonly quality: number
  /** Training samples behind the update (a safe integer ≥ 0). */
  readonly samples: number
}

/** The fields of a signed transfer that the ledger reads (a `TransferMessage` is one). */
export type LedgerTransfer = Pick<TransferMessage, 'node' | 'to' | 'amount' | 'nonce'>

/** What a certified block at `height` asks of the ledger. */
export interface HeightOutcome {
  readonly height: Height
  readonly proposer: NodeId
  /** Signers of the previous height's commit, as the block lists them (no node twice). */
  readonly voters: readonly NodeId[]
  /** Included updates and their quality (no node twice; any order). */
  readonly contributions: readonly Contribution[]
  /** Nodes with verified equivocation evidence in this block (any order; repeats are merged). */
  readonly slashed: readonly NodeId[]
  /** Signature-checked transfers, in block order. */
  readonly transfers: readonly LedgerTransfer[]
}

/** Why a transfer was skipped. */
export type TransferSkipReason =
  | 'unknown-sender'
  | 'wrong-nonce'
  | 'non-positive-amount'
  | 'over-cap'
  | 'self-transfer'
  | 'insufficient-balance'

/** What happened to the ledger at a height, for the UI, in the order it was applied. */
export type LedgerEvent =
  | {
      readonly type: 'slash'
      readonly height: Height
      readonly node: NodeId
      /** Amount burned. */
      readonly amount: TokenAmount
      /** Balance left after the burn. */
      readonly balance: TokenAmount
    }
  | {
      readonly type: 'reward'
      readonly height: Height
      readonly node: NodeId
      readonly amount: TokenAmount
      /** The quality as it was used: parts per million. */
      readonly qualityPpm: number
      readonly samples: number
    }
  | {
      readonly type: 'proposer-reward' | 'voter-reward'
      readonly height: Height
      readonly node: NodeId
      readonly amount: TokenAmount
    }
  | {
      readonly type: 'transfer'
      readonly height: Height
      readonly from: NodeId
      readonly to: NodeId
      readonly amount: TokenAmount
      readonly nonce: bigint
    }
  | {
      readonly type: 'transfer-skipped'
      readonly height: Height
      readonly from: NodeId
      readonly to: NodeId
      readonly amount: bigint
      readonly nonce: bigint
      readonly reason: TransferSkipReason
      /** Position of the transfer in the block. */
      readonly index: number
    }

/** The ledger after a height, what happened, and who was slashed (for membership to evict). */
export interface ApplyResult {
  readonly state: LedgerState
  readonly events: readonly LedgerEvent[]
  /** Slashed nodes, sorted, each once. */
  readonly slashed: readonly NodeId[]
}
