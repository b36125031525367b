/**
 * The `transfer` message: a signed order to move rUv from its sender (`node`) to another node
 * (DESIGN.md, "Ledger"). The proposer puts transfers in a block; the ledger applies them in order.
 *
 * @remarks
 * `nonce` must equal the sender's account nonce when the block applies it, so each signed
 * transfer settles at most once; `height` is the latest height the sender had seen, which binds
 * the signature to a time and lets the replay guard drop old copies. Sealed under the signing
 * context `swarm/v1/<job>/transfer`.
 */
import type { Identity } from '../crypto/index.ts'
import type {
  BaseMessage,
  MessageCodec,
  MessageSchema,
  OpenedMessage,
  OpenOptions,
  Rejection,
} from '../protocol/index.ts'
import {
  createCodec,
  fields,
  openMessage,
  PROTOCOL_VERSION,
  sealMessage,
} from '../protocol/index.ts'
import type { Height, JobId, NodeId, Result, TokenAmount } from '../types/index.ts'
import { MAX_LEDGER_INTEGER, MAX_TRANSFER_AMOUNT } from './constants.ts'
import { bigUintIn } from './fields.ts'

/** A signed transfer of `amount` micro-rUv from `node` to `to`. */
export interface TransferMessage extends BaseMessage {
  readonly type: 'transfer'
  readonly v: typeof PROTOCOL_VERSION
  /** The recipient. */
  readonly to: NodeId
  /** Micro-rUv to move, in `[1, MAX_TRANSFER_AMOUNT]` on the wire. */
  readonly amount: TokenAmount
  /** The sender's account nonce this transfer settles. */
  readonly nonce: bigint
}

/** A transfer as it travels: the same message. */
export type Transfer = TransferMessage

/** Wire schema of `transfer`. */
export const TRANSFER_SCHEMA: MessageSchema<TransferMessage> = {
  type: 'transfer',
  version: PROTOCOL_VERSION,
  fields: {
    to: fields.nodeId,
    amount: bigUintIn<TokenAmount>(1n, MAX_TRANSFER_AMOUNT),
    nonce: bigUintIn(0n, MAX_LEDGER_INTEGER),
  },
}

/** Codec of `transfer` alone; add `TRANSFER_SCHEMA` to a larger schema set to carry it there. */
export const transferCodec: MessageCodec<TransferMessage> = createCodec<TransferMessage>({
  transfer: TRANSFER_SCHEMA,
})

/** What a caller provides to build a transfer. */
export interface TransferFields {
  readonly job: JobId
  readonly height: Height
  /** The sender. */
  readonly node: NodeId
  readonly to: NodeId
  readonly amount: TokenAmount
  readonly nonce: bigint
}

/** Builds a `transfer` message. */
export function transferMessage(f: TransferFields): TransferMessage {
  return {
    type: 'transfer',
    v: PROTOCOL_VERSION,
    job: f.job,
    height: f.height,
    node: f.node,
    to: f.to,
    amount: f.amount,
    nonce: f.nonce,
  }
}

/** Encodes and signs `transfer`; the identity must be its sender. Throws `EncodeError` if invalid. */
export function sealTransfer(identity: Identity, transfer: TransferMessage): Uint8Array {
  return sealMessage(transferCodec, identity, transfer)
}

/** Opens a sealed transfer from the wire: verified and not a replay, or why not. Never throws. */
export function openTransfer(
  bytes: Uint8Array,
  options: Omit<OpenOptions<TransferMessage>, 'codec'>,
): Result<OpenedMessage<TransferMessage>, Rejection> {
  return openMessage(bytes, { ...options, codec: transferCodec })
}
