/** Building and reading ledger states, and the invariants every state must keep. */
import type { Height, NodeId, Result, TokenAmount } from '../types/index.ts'
import { asNodeId } from '../types/index.ts'
import { MAX_LEDGER_INTEGER } from './constants.ts'
import { LedgerInputError, LedgerInvariantError } from './errors.ts'
import type { Account, LedgerState } from './types.ts'

/** A genesis grant: `amount` micro-rUv minted to `node` before height 1. */
export interface Allocation {
  readonly node: NodeId
  readonly amount: TokenAmount
}

/** Orders node ids by their bytes (equal-length lowercase hex sorts like its bytes). */
export function compareNodeIds(a: NodeId, b: NodeId): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The genesis ledger: height 0, `allocations` minted. Throws `LedgerInputError` on a bad one. */
export function createLedger(allocations: readonly Allocation[] = []): LedgerState {
  const accounts = new Map<NodeId, Account>()
  let minted = 0n
  for (const { node, amount } of allocations) {
    if (!asNodeId(node).ok) throw new LedgerInputError(`allocation to a bad node id ${node}`)
    if (accounts.has(node)) throw new LedgerInputError(`two allocations to ${node}`)
    if (typeof amount !== 'bigint' || amount < 0n || amount > MAX_LEDGER_INTEGER) {
      throw new LedgerInputError(`allocation to ${node} out of range`)
    }
    if (amount > 0n) accounts.set(node, { balance: amount, nonce: 0n })
    minted += amount
  }
  const state: LedgerState = {
    height: 0 as Height,
    accounts,
    minted: minted as TokenAmount,
    burned: 0n as TokenAmount,
  }
  assertLedgerInvariants(state)
  return state
}

/** The balance of `node` (0 if it has no account). */
export function balanceOf(state: LedgerState, node: NodeId): TokenAmount {
  return state.accounts.get(node)?.balance ?? (0n as TokenAmount)
}

/** The nonce the next transfer from `node` must carry. */
export function nonceOf(state: LedgerState, node: NodeId): bigint {
  return state.accounts.get(node)?.nonce ?? 0n
}

/** Coins in circulation: minted − burned, which is also the sum of all balances. */
export function totalSupply(state: LedgerState): TokenAmount {
  return (state.minted - state.burned) as TokenAmount
}

/** Every account, sorted by node id (for display and for canonical encoding). */
export function sortedAccounts(state: LedgerState): (Account & { readonly node: NodeId })[] {
  const nodes = [...state.accounts.keys()].sort(compareNodeIds)
  return nodes.map((node) => ({ node, ...(state.accounts.get(node) as Account) }))
}

function inRange(v: unknown): v is bigint {
  return typeof v === 'bigint' && v >= 0n && v <= MAX_LEDGER_INTEGER
}

/**
 * Whether `state` keeps the invariants: integers in `[0, 2^64)`, no empty account,
 * `burned ≤ minted`, and `sum(balances) = minted − burned`. Adding bigints is exact and
 * commutative, so the map's order cannot change the answer.
 */
export function checkLedgerInvariants(state: LedgerState): Result<LedgerState> {
  if (!Number.isSafeInteger(state.height) || state.height < 0) return fail('bad height')
  if (!inRange(state.minted) || !inRange(state.burned)) return fail('total out of range')
  if (state.burned > state.minted) return fail('burned more than minted')
  let sum = 0n
  for (const [node, account] of state.accounts) {
    if (!asNodeId(node).ok) return fail(`bad node id ${node}`)
    if (!inRange(account.balance)) return fail(`balance of ${node} out of range`)
    if (!inRange(account.nonce)) return fail(`nonce of ${node} out of range`)
    if (account.balance === 0n && account.nonce === 0n) return fail(`empty account ${node}`)
    sum += account.balance
  }
  if (sum !== state.minted - state.burned) {
    return fail(`balances sum to ${sum}, supply is ${state.minted - state.burned}`)
  }
  return { ok: true, value: state }
}

/** Throws `LedgerInvariantError` unless `state` keeps the invariants (a bug if it does not). */
export function assertLedgerInvariants(state: LedgerState): void {
  const checked = checkLedgerInvariants(state)
  if (!checked.ok) throw new LedgerInvariantError(checked.reason)
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}
