/**
 * The rUv token ledger of the certified round log (DESIGN.md, "Ledger").
 *
 * @remarks
 * - State: balances and transfer nonces per node, total minted and burned, the last height.
 *   Amounts are integer micro-rUv (`bigint`, 6 decimals); no float ever touches a balance.
 * - `applyHeight(state, params, outcome)` applies one certified block: slashes, then rewards,
 *   then transfers in block order (see `apply.ts` for the exact rules). It is pure and
 *   deterministic: it iterates in sorted node-id order and copies the state instead of changing it.
 * - Invariants (no negative balance, sum of balances = minted − burned) are checked after every
 *   height and on decode; a violation throws `LedgerInvariantError` (a bug, never peer input).
 * - `encodeLedger`/`decodeLedger` give the one canonical encoding; `ledgerHash` hashes it.
 * - `transfer` is a signed protocol message (`transferCodec`, `sealTransfer`, `openTransfer`).
 * - Eviction after a slash is membership's job; `applyHeight` reports who was slashed.
 */
export * from './constants.ts'
export { LedgerInputError, LedgerInvariantError } from './errors.ts'
export type {
  Account,
  ApplyResult,
  Contribution,
  Fraction,
  HeightOutcome,
  LedgerEvent,
  LedgerParams,
  LedgerState,
  LedgerTransfer,
  TransferSkipReason,
} from './types.ts'
export { DEFAULT_LEDGER_PARAMS, checkLedgerParams, ledgerParamsFromRewards } from './params.ts'
export type { Allocation } from './state.ts'
export {
  assertLedgerInvariants,
  balanceOf,
  checkLedgerInvariants,
  compareNodeIds,
  createLedger,
  nonceOf,
  sortedAccounts,
  totalSupply,
} from './state.ts'
export { isQuality, quantizeQuality, updateRewardFor } from './rewards.ts'
export { applyHeight, checkOutcome } from './apply.ts'
export { decodeLedger, encodeLedger, ledgerHash } from './encoding.ts'
export type { Transfer, TransferFields, TransferMessage } from './transfer.ts'
export {
  TRANSFER_SCHEMA,
  openTransfer,
  sealTransfer,
  transferCodec,
  transferMessage,
} from './transfer.ts'
export { bigUintIn } from './fields.ts'
export { formatRuv, parseRuv, parseTransferAmount } from './format.ts'
