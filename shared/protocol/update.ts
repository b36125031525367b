/**
 * The `update` message: the signed header of one member's pseudo-gradient for one height
 * (DESIGN.md, "The certified round log", step 2). The payload itself travels separately and is
 * bound by `payloadHash` and `payloadBytes`.
 */
import type { HashHex, Height, JobId, NodeId } from '../types/index.ts'
import { MAX_PAYLOAD_BYTES, PROTOCOL_VERSION } from './constants.ts'
import { f32, hash, uint } from './fields.ts'
import type { BaseMessage, MessageSchema } from './schema.ts'

/** Header of a member's update for a height. */
export interface UpdateMessage extends BaseMessage {
  readonly type: 'update'
  readonly v: typeof PROTOCOL_VERSION
  /** State hash of S_{h-1}, the state the update was trained from. */
  readonly base: HashHex
  /** Training samples behind the update (≥ 1); the ledger scales rewards by it. */
  readonly samples: number
  /** Mean training loss over the inner steps, a finite float32. */
  readonly trainLoss: number
  /** SHA-256 of the compressed payload bytes. */
  readonly payloadHash: HashHex
  /** Exact length of the compressed payload. */
  readonly payloadBytes: number
}

/** Wire schema of `update`. */
export const UPDATE_SCHEMA: MessageSchema<UpdateMessage> = {
  type: 'update',
  version: PROTOCOL_VERSION,
  fields: {
    base: hash,
    samples: uint(1),
    trainLoss: f32(),
    payloadHash: hash,
    payloadBytes: uint(1, MAX_PAYLOAD_BYTES),
  },
}

/** What a caller provides to build an `update`. */
export interface UpdateFields {
  readonly job: JobId
  readonly height: Height
  readonly node: NodeId
  readonly base: HashHex
  readonly samples: number
  readonly trainLoss: number
  readonly payloadHash: HashHex
  readonly payloadBytes: number
}

/** Builds an `update` message, rounding the loss to float32 as the wire carries it. */
export function updateMessage(fields: UpdateFields): UpdateMessage {
  return {
    type: 'update',
    v: PROTOCOL_VERSION,
    job: fields.job,
    height: fields.height,
    node: fields.node,
    base: fields.base,
    samples: fields.samples,
    trainLoss: Math.fround(fields.trainLoss),
    payloadHash: fields.payloadHash,
    payloadBytes: fields.payloadBytes,
  }
}
