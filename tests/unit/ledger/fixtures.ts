/** Node ids, outcomes and fast-check arbitraries for ledger tests. */
import fc from 'fast-check'
import type {
  Contribution,
  HeightOutcome,
  LedgerParams,
  LedgerState,
  LedgerTransfer,
} from '../../../shared/ledger/index.ts'
import { DEFAULT_LEDGER_PARAMS } from '../../../shared/ledger/index.ts'
import type { Height, NodeId, TokenAmount } from '../../../shared/types/index.ts'

/** A node id made of one repeated hex byte, so tests can read which node is which. */
export function nodeOf(byte: number): NodeId {
  return byte.toString(16).padStart(2, '0').repeat(32) as NodeId
}

export const A = nodeOf(0xa1)
export const B = nodeOf(0xb2)
export const C = nodeOf(0xc3)
export const D = nodeOf(0xd4)

/** Micro-rUv as a token amount. */
export const micro = (n: bigint | number): TokenAmount => BigInt(n) as TokenAmount

/** Parameters with round numbers: 1 rUv per update at 100 samples, 1/2 slash. */
export const PARAMS: LedgerParams = {
  ...DEFAULT_LEDGER_PARAMS,
  updateReward: micro(1_000_000),
  targetSamples: 100,
  proposerReward: micro(100_000),
  voterReward: micro(10_000),
}

/** The outcome of the height after `state`, empty but for the proposer and what `more` sets. */
export function outcome(
  state: LedgerState,
  more: Partial<Omit<HeightOutcome, 'height'>> = {},
): HeightOutcome {
  return {
    height: (state.height + 1) as Height,
    proposer: more.proposer ?? D,
    voters: more.voters ?? [],
    contributions: more.contributions ?? [],
    slashed: more.slashed ?? [],
    transfers: more.transfers ?? [],
  }
}

/** A transfer the ledger reads. */
export function transfer(from: NodeId, to: NodeId, amount: bigint, nonce: bigint): LedgerTransfer {
  return { node: from, to, amount: amount as TokenAmount, nonce }
}

/** A small pool of nodes so that random outcomes hit the same accounts often. */
export const POOL: readonly NodeId[] = [0x01, 0x22, 0x5a, 0x80, 0xa1, 0xb2, 0xfe].map(nodeOf)
export const poolNode = fc.constantFrom(...POOL)

const contributionArb: fc.Arbitrary<Contribution> = fc.record({
  node: poolNode,
  quality: fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true })),
  samples: fc.oneof(fc.nat({ max: 300 }), fc.constant(Number.MAX_SAFE_INTEGER)),
})

const transferArb: fc.Arbitrary<LedgerTransfer> = fc.record({
  node: poolNode,
  to: poolNode,
  amount: fc.oneof(
    fc.bigInt({ min: -2n, max: 3_000_000n }),
    fc.constant(DEFAULT_LEDGER_PARAMS.maxTransferAmount + 1n),
  ) as fc.Arbitrary<TokenAmount>,
  nonce: fc.bigInt({ min: 0n, max: 4n }),
})

/** What one height brings, without its height (filled in when applied). */
export type Step = Omit<HeightOutcome, 'height'>

export const stepArb: fc.Arbitrary<Step> = fc.record({
  proposer: poolNode,
  voters: fc.uniqueArray(poolNode, { maxLength: 4 }),
  contributions: fc.uniqueArray(contributionArb, { selector: (c) => c.node, maxLength: 5 }),
  slashed: fc.array(poolNode, { maxLength: 2 }),
  transfers: fc.array(transferArb, { maxLength: 6 }),
})

export const paramsArb: fc.Arbitrary<LedgerParams> = fc.record({
  updateReward: fc.bigInt({ min: 0n, max: 5_000_000n }) as fc.Arbitrary<TokenAmount>,
  targetSamples: fc.integer({ min: 1, max: 500 }),
  proposerReward: fc.bigInt({ min: 0n, max: 500_000n }) as fc.Arbitrary<TokenAmount>,
  voterReward: fc.bigInt({ min: 0n, max: 50_000n }) as fc.Arbitrary<TokenAmount>,
  slashFraction: fc
    .tuple(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 0n, max: 10_000n }))
    .map(([den, n]) => ({ num: n % (den + 1n), den })),
  evictionHeights: fc.nat({ max: 100 }),
  maxTransferAmount: fc.constant(DEFAULT_LEDGER_PARAMS.maxTransferAmount),
})

/** A shuffled copy of `items`, by a seeded permutation. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  let s = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0
    const j = s % (i + 1)
    const tmp = out[i] as T
    out[i] = out[j] as T
    out[j] = tmp
  }
  return out
}
