import { describe, expect, it } from 'vitest'
import type { LedgerEvent, LedgerState } from '../../../shared/ledger/index.ts'
import {
  applyHeight,
  balanceOf,
  checkOutcome,
  createLedger,
  LedgerInputError,
  nonceOf,
  totalSupply,
} from '../../../shared/ledger/index.ts'
import type { Height, TokenAmount } from '../../../shared/types/index.ts'
import { A, B, C, D, micro, outcome, PARAMS, transfer } from './fixtures.ts'

function setup(balances: { a?: bigint; b?: bigint } = {}) {
  const allocations = [
    { node: A, amount: micro(balances.a ?? 5_000_000n) },
    { node: B, amount: micro(balances.b ?? 1_000_000n) },
  ]
  return { state: createLedger(allocations) }
}

const typesOf = (events: readonly LedgerEvent[]) => events.map((e) => e.type)
const skips = (events: readonly LedgerEvent[]) =>
  events.flatMap((e) => (e.type === 'transfer-skipped' ? [e.reason] : []))

function rewardOf(state: LedgerState, quality: number, samples: number): bigint {
  const next = applyHeight(
    state,
    PARAMS,
    outcome(state, { contributions: [{ node: C, quality, samples }] }),
  )
  return balanceOf(next.state, C)
}

describe('applyHeight rewards', () => {
  it('mint the full update reward at quality 1 and the sample target', () => {
    const { state } = setup()
    expect(rewardOf(state, 1, 100)).toBe(1_000_000n)
  })

  it('scale the update reward with quality and with samples up to the target', () => {
    const { state } = setup()
    expect(rewardOf(state, 0.5, 100)).toBe(500_000n)
    expect(rewardOf(state, 1, 25)).toBe(250_000n)
    expect(rewardOf(state, 0.5, 50)).toBe(250_000n)
    expect(rewardOf(state, 1, 10_000)).toBe(1_000_000n)
    expect(rewardOf(state, 0.29, 100)).toBe(290_000n)
    expect(rewardOf(state, 0, 100)).toBe(0n)
    expect(rewardOf(state, 1, 0)).toBe(0n)
  })

  it('round a reward down to whole micro-rUv', () => {
    const { state } = setup()
    // 1e6 × 1/3 (333333 ppm) × 1: 333333; at 33 of 100 samples: 109999.89 → 109999.
    expect(rewardOf(state, 1 / 3, 100)).toBe(333_333n)
    expect(rewardOf(state, 1 / 3, 33)).toBe(109_999n)
  })

  it('pay the proposer and every voter, and count it all as minted', () => {
    const { state } = setup()
    const before = state.minted
    const { state: next, events } = applyHeight(
      state,
      PARAMS,
      outcome(state, {
        proposer: C,
        voters: [D, C, A],
        contributions: [{ node: B, quality: 1, samples: 100 }],
      }),
    )
    expect(balanceOf(next, C)).toBe(110_000n)
    expect(balanceOf(next, D)).toBe(10_000n)
    expect(balanceOf(next, A)).toBe(5_010_000n)
    expect(balanceOf(next, B)).toBe(2_000_000n)
    expect(next.minted - before).toBe(1_000_000n + 100_000n + 3n * 10_000n)
    expect(typesOf(events)).toEqual([
      'reward',
      'proposer-reward',
      'voter-reward',
      'voter-reward',
      'voter-reward',
    ])
    // Voters are paid in node-id order, whatever order the block lists them in.
    expect(events.slice(2).map((e) => ('node' in e ? e.node : ''))).toEqual([A, C, D])
  })

  it('report the quality used, in parts per million', () => {
    const { state } = setup()
    const { events } = applyHeight(
      state,
      PARAMS,
      outcome(state, { contributions: [{ node: C, quality: 0.1234565, samples: 7 }] }),
    )
    expect(events[0]).toMatchObject({ type: 'reward', node: C, qualityPpm: 123_457, samples: 7 })
  })
})

describe('applyHeight slashes', () => {
  it('burn half the balance of a slashed node, rounded down', () => {
    const { state } = setup({ a: 5_000_001n })
    const {
      state: next,
      events,
      slashed,
    } = applyHeight(state, PARAMS, outcome(state, { slashed: [A, A] }))
    expect(balanceOf(next, A)).toBe(2_500_001n)
    expect(next.burned).toBe(2_500_000n)
    expect(totalSupply(next)).toBe(totalSupply(state) - 2_500_000n + PARAMS.proposerReward)
    expect(slashed).toEqual([A])
    expect(events[0]).toEqual({
      type: 'slash',
      height: 1,
      node: A,
      amount: 2_500_000n,
      balance: 2_500_001n,
    })
  })

  it('give a slashed node no update, proposer or voter reward at that height', () => {
    const { state } = setup()
    const { state: next, events } = applyHeight(
      state,
      PARAMS,
      outcome(state, {
        proposer: A,
        voters: [A, B],
        contributions: [
          { node: A, quality: 1, samples: 100 },
          { node: B, quality: 1, samples: 100 },
        ],
        slashed: [A],
      }),
    )
    expect(balanceOf(next, A)).toBe(2_500_000n)
    expect(balanceOf(next, B)).toBe(1_000_000n + 1_000_000n + 10_000n)
    expect(typesOf(events)).toEqual(['slash', 'reward', 'voter-reward'])
  })

  it('slash before transfers, so the slashed node cannot move the burned part', () => {
    const { state } = setup()
    const { state: next, events } = applyHeight(
      state,
      PARAMS,
      outcome(state, { slashed: [A], transfers: [transfer(A, B, 5_000_000n, 0n)] }),
    )
    expect(skips(events)).toEqual(['insufficient-balance'])
    expect(balanceOf(next, A)).toBe(2_500_000n)
  })

  it('slash a node without balance for nothing, and still report it', () => {
    const { state } = setup()
    const { state: next, slashed } = applyHeight(state, PARAMS, outcome(state, { slashed: [C] }))
    expect(slashed).toEqual([C])
    expect(next.accounts.has(C)).toBe(false)
    expect(next.burned).toBe(0n)
  })
})

describe('applyHeight transfers', () => {
  it('apply good transfers in block order, and a later one may spend an earlier one', () => {
    const { state } = setup({ a: 1_000_000n, b: 0n })
    const { state: next, events } = applyHeight(
      state,
      PARAMS,
      outcome(state, {
        transfers: [
          transfer(A, B, 600_000n, 0n),
          transfer(B, C, 500_000n, 0n),
          transfer(A, C, 400_000n, 1n),
        ],
      }),
    )
    expect(skips(events)).toEqual([])
    expect([balanceOf(next, A), balanceOf(next, B), balanceOf(next, C)]).toEqual([
      0n,
      100_000n,
      900_000n,
    ])
    expect([nonceOf(next, A), nonceOf(next, B), nonceOf(next, C)]).toEqual([2n, 1n, 0n])
    expect(next.accounts.get(A)).toEqual({ balance: 0n, nonce: 2n })
  })

  it('skip bad transfers with a reason and apply the good ones around them', () => {
    const { state } = setup({ a: 1_000_000n })
    const { state: next, events } = applyHeight(
      state,
      PARAMS,
      outcome(state, {
        proposer: D,
        transfers: [
          transfer(C, A, 1n, 0n), // C has no account
          transfer(A, B, 1n, 5n), // nonce should be 0
          transfer(A, B, 0n, 0n), // settles nonce 0
          transfer(A, B, -3n, 1n),
          transfer(A, B, PARAMS.maxTransferAmount + 1n, 2n),
          transfer(A, A, 10n, 3n),
          transfer(A, B, 1_000_001n, 4n),
          transfer(A, B, 1_000_000n, 5n),
          transfer(A, B, 1n, 5n), // nonce 5 is spent
        ],
      }),
    )
    expect(skips(events)).toEqual([
      'unknown-sender',
      'wrong-nonce',
      'non-positive-amount',
      'non-positive-amount',
      'over-cap',
      'self-transfer',
      'insufficient-balance',
      'wrong-nonce',
    ])
    expect(events.filter((e) => e.type === 'transfer-skipped').map((e) => e.index)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 8,
    ])
    expect(balanceOf(next, A)).toBe(0n)
    expect(balanceOf(next, B)).toBe(2_000_000n)
    expect(nonceOf(next, A)).toBe(6n)
    expect(next.accounts.has(C)).toBe(false)
  })

  it('let a node spend a reward it earned in the same block', () => {
    const { state } = setup()
    const { state: next, events } = applyHeight(
      state,
      PARAMS,
      outcome(state, {
        contributions: [{ node: C, quality: 1, samples: 100 }],
        transfers: [transfer(C, A, 1_000_000n, 0n)],
      }),
    )
    expect(skips(events)).toEqual([])
    expect(next.accounts.get(C)).toEqual({ balance: 0n, nonce: 1n })
  })
})

describe('applyHeight input', () => {
  it('never change the state it is given', () => {
    const { state } = setup()
    const accounts = new Map(state.accounts)
    applyHeight(
      state,
      PARAMS,
      outcome(state, { slashed: [A], transfers: [transfer(B, A, 1n, 0n)] }),
    )
    expect(state.accounts).toEqual(accounts)
    expect(state.height).toBe(0)
  })

  it('refuse an outcome out of sequence, with a repeated node or a bad quality', () => {
    const { state } = setup()
    const cases = [
      { ...outcome(state), height: 2 as Height },
      outcome(state, { voters: [A, A] }),
      outcome(state, {
        contributions: [
          { node: A, quality: 1, samples: 1 },
          { node: A, quality: 0, samples: 1 },
        ],
      }),
      outcome(state, { contributions: [{ node: A, quality: Number.NaN, samples: 1 }] }),
      outcome(state, { contributions: [{ node: A, quality: 1.5, samples: 1 }] }),
      outcome(state, { contributions: [{ node: A, quality: 1, samples: -1 }] }),
      outcome(state, { contributions: [{ node: A, quality: 1, samples: 0.5 }] }),
      outcome(state, { proposer: 'not-a-node' as typeof A }),
      outcome(state, {
        transfers: [{ ...transfer(A, B, 1n, 0n), amount: 1 as unknown as TokenAmount }],
      }),
    ]
    for (const bad of cases) {
      expect(checkOutcome(state, bad).ok).toBe(false)
      expect(() => applyHeight(state, PARAMS, bad)).toThrow(LedgerInputError)
    }
  })

  it('refuse invalid parameters', () => {
    const { state } = setup()
    const params = { ...PARAMS, slashFraction: { num: 3n, den: 2n } }
    expect(() => applyHeight(state, params, outcome(state))).toThrow(/slashFraction/)
  })
})
