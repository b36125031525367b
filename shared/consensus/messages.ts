/**
 * Consensus messages on the wire: `proposal`, `prevote`, `precommit`. Each binds job, height and
 * sender (the base fields of every message) and is signed in an envelope under the context
 * `swarm/v1/<job>/<type>` by `shared/protocol`'s `sealMessage`.
 */
import { fields, type BaseMessage, type FieldCodec, type MessageSchema } from '../protocol/index.ts'
import { DecodeError } from '../protocol/errors.ts'
import type { HashHex } from '../types/index.ts'
import { CONSENSUS_VERSION, MAX_ROUND } from './constants.ts'

/** A proposer's signed claim: in `round`, it proposes the block with hash `block`. */
export interface ProposalMessage extends BaseMessage {
  readonly type: 'proposal'
  readonly v: typeof CONSENSUS_VERSION
  readonly round: number
  /** The round of the proposer's valid value, or −1 for a fresh block. */
  readonly validRound: number
  readonly block: HashHex
}

/** A prevote or precommit for a block hash, or for nil (`null`). */
export interface VoteMessage<
  T extends 'prevote' | 'precommit' = 'prevote' | 'precommit',
> extends BaseMessage {
  readonly type: T
  readonly v: typeof CONSENSUS_VERSION
  readonly round: number
  readonly block: HashHex | null
}

/** Every consensus message. */
export type ConsensusMessage = ProposalMessage | VoteMessage<'prevote'> | VoteMessage<'precommit'>

/** A round, −1 allowed: stored as round + 1. */
const validRoundField: FieldCodec<number> = {
  encode: (w, v) => fields.uint(0, MAX_ROUND + 1).encode(w, v + 1),
  decode: (r) => fields.uint(0, MAX_ROUND + 1).decode(r) - 1,
}

/** A block hash or nil: a presence byte, then the hash. */
const optionalHash: FieldCodec<HashHex | null> = {
  encode: (w, v) => {
    fields.bool.encode(w, v !== null)
    if (v !== null) fields.hash.encode(w, v)
  },
  decode: (r) => {
    const present = fields.bool.decode(r)
    const value = present ? fields.hash.decode(r) : null
    if (present && value === null) throw new DecodeError('unreachable')
    return value
  },
}

const round = fields.uint(0, MAX_ROUND)

/** Wire schema of `proposal`. */
export const PROPOSAL_SCHEMA: MessageSchema<ProposalMessage> = {
  type: 'proposal',
  version: CONSENSUS_VERSION,
  fields: { round, validRound: validRoundField, block: fields.hash },
}

/** Wire schema of `prevote`. */
export const PREVOTE_SCHEMA: MessageSchema<VoteMessage<'prevote'>> = {
  type: 'prevote',
  version: CONSENSUS_VERSION,
  fields: { round, block: optionalHash },
}

/** Wire schema of `precommit`. */
export const PRECOMMIT_SCHEMA: MessageSchema<VoteMessage<'precommit'>> = {
  type: 'precommit',
  version: CONSENSUS_VERSION,
  fields: { round, block: optionalHash },
}
