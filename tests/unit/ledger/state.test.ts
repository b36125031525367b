import { describe, expect, it } from 'vitest'
import {
  balanceOf,
  createLedger,
  LedgerInputError,
  nonceOf,
  sortedAccounts,
  totalSupply,
} from '../../../shared/ledger/index.ts'
import type { NodeId } from '../../../shared/types/index.ts'
import { A, B, C, micro } from './fixtures.ts'

describe('createLedger', () => {
  it('mint the genesis allocations and keep no empty account', () => {
    const state = createLedger([
      { node: C, amount: micro(3) },
      { node: A, amount: micro(5) },
      { node: B, amount: micro(0) },
    ])
    expect(state.height).toBe(0)
    expect(totalSupply(state)).toBe(8n)
    expect(state.minted).toBe(8n)
    expect(state.accounts.has(B)).toBe(false)
    expect(sortedAccounts(state).map((a) => a.node)).toEqual([A, C])
    expect([balanceOf(state, A), balanceOf(state, B), nonceOf(state, A)]).toEqual([5n, 0n, 0n])
  })

  it('refuse a repeated node, a bad node id or a negative amount', () => {
    expect(() =>
      createLedger([
        { node: A, amount: micro(1) },
        { node: A, amount: micro(2) },
      ]),
    ).toThrow(LedgerInputError)
    expect(() => createLedger([{ node: 'A1' as NodeId, amount: micro(1) }])).toThrow(/node id/)
    expect(() => createLedger([{ node: A, amount: micro(-1) }])).toThrow(/out of range/)
  })
})
