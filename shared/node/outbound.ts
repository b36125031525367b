/**
 * The consensus messages this node signs: votes and proposals, sealed and framed for the
 * consensus topic. The simulator's Byzantine members misbehave here (see `Misbehaviour`).
 */
import { sha256Hex, type Identity } from '../crypto/index.ts'
import { consensusCodec } from '../consensus/codec.ts'
import { CONSENSUS_VERSION } from '../consensus/constants.ts'
import type { ConsensusMessage } from '../consensus/messages.ts'
import { encodeUtf8, sealMessage } from '../protocol/index.ts'
import type { HashHex, Height, JobId, NodeId } from '../types/index.ts'
import { encodeFrame } from './wire.ts'

/** Test-only misbehaviour, for the simulator's Byzantine nodes. */
export interface Misbehaviour {
  /** Sends nothing at all (a crashed or silent member). */
  readonly silent?: boolean
  /** Sends a second, different prevote and precommit in every round. */
  readonly equivocate?: boolean
  /** Prevotes and precommits a block nobody proposed whenever it would vote for a block. */
  readonly wrongVotes?: boolean
}

/** A vote this node casts: its envelope (fed to its own Tendermint) and the frames to send. */
export interface CastVote {
  readonly type: 'prevote' | 'precommit'
  readonly round: number
  readonly value: HashHex | null
  readonly envelope: Uint8Array
  /** The frame re-sent until the height is decided. */
  readonly frame: Uint8Array
  /** Frames sent once besides (a Byzantine test node's second vote). */
  readonly extra: readonly Uint8Array[]
}

/**
 * A block hash nobody proposed: the hash of a tag and the real one, so a Byzantine test node's
 * wrong vote differs per block and cannot match a proposal (that would take a preimage).
 */
function unproposed(block: HashHex): HashHex {
  return sha256Hex(encodeUtf8(`unproposed:${block}`))
}

/** Signs this node's consensus messages. */
export class ConsensusSigner {
  readonly #job: JobId
  readonly #identity: Identity
  readonly #misbehave: Misbehaviour

  constructor(job: JobId, identity: Identity, misbehave: Misbehaviour = {}) {
    this.#job = job
    this.#identity = identity
    this.#misbehave = misbehave
  }

  /** The node that signs. */
  get node(): NodeId {
    return this.#identity.nodeId
  }

  #seal(message: ConsensusMessage): Uint8Array {
    return sealMessage(consensusCodec, this.#identity, message)
  }

  /** The vote of `type` for `block` (or nil) at `height` and `round`. */
  vote(
    height: Height,
    round: number,
    type: 'prevote' | 'precommit',
    block: HashHex | null,
  ): CastVote {
    const base = {
      v: CONSENSUS_VERSION,
      job: this.#job,
      height,
      node: this.#identity.nodeId,
      round,
    }
    // What it votes for is what it sends and what its own Tendermint counts.
    const value = this.#misbehave.wrongVotes === true && block !== null ? unproposed(block) : block
    const envelope = this.#seal({ ...base, type, block: value } as ConsensusMessage)
    const frame = encodeFrame({ kind: 'vote', envelope })
    const extra: Uint8Array[] = []
    if (this.#misbehave.equivocate === true) {
      const other = (value === null ? '0'.repeat(63) + '1' : null) as HashHex | null
      const second = this.#seal({ ...base, type, block: other } as ConsensusMessage)
      extra.push(encodeFrame({ kind: 'vote', envelope: second }))
    }
    return { type, round, value, envelope, frame, extra }
  }

  /** The proposal frame of `block` (hash `hash`) for `round`, carrying the block. */
  proposal(
    height: Height,
    round: number,
    validRound: number,
    hash: HashHex,
    block: Uint8Array,
  ): Uint8Array {
    const envelope = this.#seal({
      type: 'proposal',
      v: CONSENSUS_VERSION,
      job: this.#job,
      height,
      node: this.#identity.nodeId,
      round,
      validRound,
      block: hash,
    })
    return encodeFrame({ kind: 'proposal', envelope, block })
  }
}
