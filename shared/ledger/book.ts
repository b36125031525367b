/**
 * A mutable working copy of a ledger state, private to `applyHeight`: it copies the account map
 * once, changes the copy in place, and seals it into a new state. The input is never touched.
 */
import type { Height, NodeId, TokenAmount } from '../types/index.ts'
import { LedgerInvariantError } from './errors.ts'
import { assertLedgerInvariants } from './state.ts'
import type { Account, LedgerState } from './types.ts'

/** Accounts and totals being changed during one height. */
export class Book {
  readonly #accounts: Map<NodeId, Account>
  #minted: bigint
  #burned: bigint

  constructor(state: LedgerState) {
    this.#accounts = new Map(state.accounts)
    this.#minted = state.minted
    this.#burned = state.burned
  }

  /** The account of `node`, if it has one. */
  get(node: NodeId): Account | undefined {
    return this.#accounts.get(node)
  }

  /** The balance of `node` (0 without an account). */
  balance(node: NodeId): bigint {
    return this.#accounts.get(node)?.balance ?? 0n
  }

  /** Mints `amount` to `node`. */
  mint(node: NodeId, amount: bigint): void {
    this.#minted += amount
    this.#add(node, amount)
  }

  /** Burns `amount` of the balance of `node`. */
  burn(node: NodeId, amount: bigint): void {
    this.#burned += amount
    this.#add(node, -amount)
  }

  /** Moves `amount` from `from` to `to` (the caller checked the balance). */
  move(from: NodeId, to: NodeId, amount: bigint): void {
    this.#add(from, -amount)
    this.#add(to, amount)
  }

  /** Advances the nonce of `node`, which must have an account. */
  bumpNonce(node: NodeId): void {
    const account = this.#accounts.get(node)
    if (account === undefined) throw new LedgerInvariantError(`no account for ${node}`)
    this.#accounts.set(node, { balance: account.balance, nonce: account.nonce + 1n })
  }

  /** The new state at `height`; throws `LedgerInvariantError` if it breaks an invariant. */
  seal(height: Height): LedgerState {
    const state: LedgerState = {
      height,
      accounts: this.#accounts,
      minted: this.#minted as TokenAmount,
      burned: this.#burned as TokenAmount,
    }
    assertLedgerInvariants(state)
    return state
  }

  #add(node: NodeId, delta: bigint): void {
    if (delta === 0n) return
    const account = this.#accounts.get(node)
    const balance = (account?.balance ?? 0n) + delta
    if (balance < 0n) throw new LedgerInvariantError(`balance of ${node} would go negative`)
    const nonce = account?.nonce ?? 0n
    // Canonical form: a node with neither balance nor nonce has no account.
    if (balance === 0n && nonce === 0n) this.#accounts.delete(node)
    else this.#accounts.set(node, { balance: balance as TokenAmount, nonce })
  }
}
