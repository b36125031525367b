/**
 * The canonical encoding of a ledger state, and its hash.
 *
 * @remarks
 * Layout: `LEDGER_STATE_TAG` (length-prefixed text) ‖ `LEDGER_STATE_VERSION` (varuint) ‖ height
 * (varuint) ‖ minted ‖ burned ‖ account count (varuint) ‖ per account, sorted by node id: node id
 * (32 bytes) ‖ balance ‖ nonce. Amounts and nonces are minimal unsigned LEB128 varints of at most
 * 10 bytes, every integer below 2^64. Only canonical states encode (no empty account), so one
 * state has exactly one encoding and the decoder accepts exactly those bytes.
 */
import { fromHex, sha256Hex, toHex } from '../crypto/index.ts'
import { ByteReader, ByteWriter, DecodeError } from '../protocol/index.ts'
import type { HashHex, Height, NodeId, Result, TokenAmount } from '../types/index.ts'
import {
  LEDGER_INTEGER_VARINT_BYTES,
  LEDGER_STATE_TAG,
  LEDGER_STATE_VERSION,
  MAX_LEDGER_ACCOUNTS,
  MAX_LEDGER_INTEGER,
} from './constants.ts'
import { assertLedgerInvariants, checkLedgerInvariants, sortedAccounts } from './state.ts'
import type { Account, LedgerState } from './types.ts'

// Smallest encoded account: a node id and two one-byte varints.
const MIN_ACCOUNT_BYTES = 32 + 1 + 1

/** The canonical bytes of `state`; throws `LedgerInvariantError` if it breaks an invariant. */
export function encodeLedger(state: LedgerState): Uint8Array {
  assertLedgerInvariants(state)
  const accounts = sortedAccounts(state)
  const writer = new ByteWriter(64 + accounts.length * 48)
  writer.text(LEDGER_STATE_TAG).varuint(LEDGER_STATE_VERSION).varuint(state.height)
  writer.bigvaruint(state.minted).bigvaruint(state.burned).varuint(accounts.length)
  for (const { node, balance, nonce } of accounts) {
    writer.raw(fromHex(node)).bigvaruint(balance).bigvaruint(nonce)
  }
  return writer.finish()
}

/** SHA-256 hex of the canonical encoding of `state`: the ledger's part of the state hash. */
export function ledgerHash(state: LedgerState): HashHex {
  return sha256Hex(encodeLedger(state))
}

/** The ledger state in `bytes`, validated completely, or why not. Never throws. */
export function decodeLedger(bytes: Uint8Array): Result<LedgerState> {
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: 'not bytes' }
  try {
    return decodeOrThrow(new ByteReader(bytes))
  } catch (err) {
    const why = err instanceof DecodeError ? err.message : `unexpected ${String(err)}`
    return { ok: false, reason: `ledger state: ${why}` }
  }
}

function decodeOrThrow(reader: ByteReader): Result<LedgerState> {
  if (reader.text(LEDGER_STATE_TAG.length) !== LEDGER_STATE_TAG) throw new DecodeError('bad tag')
  const version = reader.varuint()
  if (version !== LEDGER_STATE_VERSION) throw new DecodeError(`unsupported version ${version}`)
  const height = reader.varuint() as Height
  const minted = readInteger(reader) as TokenAmount
  const burned = readInteger(reader) as TokenAmount
  const most = Math.min(MAX_LEDGER_ACCOUNTS, Math.floor(reader.remaining / MIN_ACCOUNT_BYTES))
  const count = reader.varuint(most)
  const accounts = new Map<NodeId, Account>()
  let previous = ''
  for (let i = 0; i < count; i++) {
    const node = toHex(reader.view(32)) as NodeId
    if (node <= previous) throw new DecodeError('accounts not sorted by node id, or repeated')
    previous = node
    const balance = readInteger(reader) as TokenAmount
    const nonce = readInteger(reader)
    accounts.set(node, { balance, nonce })
  }
  reader.end()
  const state: LedgerState = { height, accounts, minted, burned }
  const checked = checkLedgerInvariants(state)
  return checked.ok ? checked : { ok: false, reason: `ledger state: ${checked.reason}` }
}

function readInteger(reader: ByteReader): bigint {
  const v = reader.bigvaruint(LEDGER_INTEGER_VARINT_BYTES)
  if (v > MAX_LEDGER_INTEGER) throw new DecodeError('integer over 2^64 − 1')
  return v
}
