/**
 * The state transition S_h = apply(S_{h−1}, block_h): robust aggregation of the included
 * pseudo-gradients, the Nesterov outer step, the ledger, and membership. Pure and deterministic:
 * inputs sorted by node id, float32 math in `shared/training`, integer tokens in `shared/ledger`.
 */
import { hexToBytes } from '@noble/hashes/utils.js'
import { applyHeight, type LedgerEvent, type LedgerTransfer } from '../ledger/index.ts'
import { aggregate } from '../training/aggregate/index.ts'
import { nesterovStepInPlace } from '../training/outer/index.ts'
import type { HashHex, Height, NodeId, Result } from '../types/index.ts'
import { nextMembership } from './membership.ts'
import type { ChainMember, ChainParams, DilocoState } from './types.ts'

/** One included update, its payload decoded. */
export interface IncludedUpdate {
  readonly node: NodeId
  readonly samples: number
  readonly vector: Float32Array
}

/** Everything a block changes, already validated. */
export interface TransitionInput {
  readonly blockHash: HashHex
  readonly proposer: NodeId
  readonly updates: readonly IncludedUpdate[]
  /** New members (from signed joins), effective from the next height. */
  readonly joins: readonly ChainMember[]
  /** Members that asked to leave, removed from the next height. */
  readonly leaves?: readonly NodeId[]
  /** Members proven to have equivocated. */
  readonly slashed: readonly NodeId[]
  readonly transfers: readonly LedgerTransfer[]
  /** Signers of the previous height's certificate. */
  readonly voters: readonly NodeId[]
}

/** The next state and what happened. */
export interface TransitionResult {
  readonly state: DilocoState
  readonly ledgerEvents: readonly LedgerEvent[]
  /** Quality in [0, 1] of each included update, by node. */
  readonly quality: ReadonlyMap<NodeId, number>
  readonly evicted: readonly NodeId[]
}

/** Applies one block's effects to `s`. */
export function transition(
  s: DilocoState,
  p: ChainParams,
  input: TransitionInput,
): Result<TransitionResult> {
  const h = (s.height + 1) as Height
  const weights = s.weights.slice()
  const momentum = s.momentum.slice()
  let lastAggregate = s.lastAggregate
  const quality = new Map<NodeId, number>()
  if (input.updates.length > 0) {
    const agg = aggregate(
      p.rule,
      input.updates.map((u) => ({ node: u.node, samples: u.samples, vector: u.vector })),
      { previous: s.lastAggregate, seed: hexToBytes(s.blockHash) },
    )
    if (!agg.ok) return { ok: false, reason: `aggregation: ${agg.reason}` }
    nesterovStepInPlace(weights, momentum, agg.value.vector, p.outer)
    lastAggregate = agg.value.vector
    for (const q of agg.value.quality) quality.set(q.node, q.quality)
  }

  const ledger = applyHeight(s.ledger, p.ledger, {
    height: h,
    proposer: input.proposer,
    voters: input.voters,
    contributions: input.updates.map((u) => ({
      node: u.node,
      quality: quality.get(u.node) ?? 0,
      samples: u.samples,
    })),
    slashed: input.slashed,
    transfers: input.transfers,
  })

  const membership = nextMembership(
    s,
    h,
    {
      seen: [...input.updates.map((u) => u.node), ...input.voters],
      slashed: input.slashed,
      joins: input.joins,
      leaves: input.leaves ?? [],
    },
    p,
  )

  return {
    ok: true,
    value: {
      state: {
        job: s.job,
        height: h,
        blockHash: input.blockHash,
        weights,
        momentum,
        lastAggregate,
        ledger: ledger.state,
        members: membership.members,
        lastMembers: s.members,
        banned: membership.banned,
      },
      ledgerEvents: ledger.events,
      quality,
      evicted: membership.evicted,
    },
  }
}
