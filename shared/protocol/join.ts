/**
 * The `join` message: a node asks to become a member (DESIGN.md, "Membership"). It is sealed with
 * the joiner's ML-DSA public key in the envelope, so opening it yields the key the members will use
 * for the joiner from then on; the body binds that key's node id to a libp2p peer id and carries
 * the joiner's ML-KEM-768 key.
 */
import { ML_KEM_768_PUBLIC_KEY_BYTES } from '../crypto/index.ts'
import type { PeerIdString } from '../types/index.ts'
import { PROTOCOL_VERSION } from './constants.ts'
import { fixedBytes, peerId } from './fields.ts'
import type { BaseMessage, MessageSchema } from './schema.ts'

/** A request to join the job; `height` is the latest certified height the joiner has seen. */
export interface JoinMessage extends BaseMessage {
  readonly type: 'join'
  readonly v: typeof PROTOCOL_VERSION
  /** The libp2p peer id the joiner dials from (the signed binding of DESIGN.md, "Identity"). */
  readonly peer: PeerIdString
  /** The joiner's ML-KEM-768 encapsulation key, for payloads encrypted to it. */
  readonly kemPublicKey: Uint8Array
}

/** Wire schema of `join`. */
export const JOIN_SCHEMA: MessageSchema<JoinMessage> = {
  type: 'join',
  version: PROTOCOL_VERSION,
  fields: {
    peer: peerId,
    kemPublicKey: fixedBytes(ML_KEM_768_PUBLIC_KEY_BYTES),
  },
}
