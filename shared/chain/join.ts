/** Building signed requests to join a job and to leave it. */
import type { Identity } from '../crypto/index.ts'
import { PROTOCOL_VERSION, coreCodec, sealMessage } from '../protocol/index.ts'
import type { Height, JobId, PeerIdString } from '../types/index.ts'

/**
 * A sealed `join` for `job`, signed with the joiner's own key (the envelope carries the public
 * key, since members do not know it yet). `height` is the latest certified height it has seen.
 */
export function sealJoin(
  identity: Identity,
  job: JobId,
  height: Height,
  peer: PeerIdString,
): Uint8Array {
  return sealMessage(
    coreCodec,
    identity,
    {
      type: 'join',
      v: PROTOCOL_VERSION,
      job,
      height,
      node: identity.nodeId,
      peer,
      kemPublicKey: identity.kemPublicKey,
    },
    { signer: 'key' },
  )
}

/** A sealed `leave` for `job`, signed by the member (named by its node id). */
export function sealLeave(identity: Identity, job: JobId, height: Height): Uint8Array {
  return sealMessage(coreCodec, identity, {
    type: 'leave',
    v: PROTOCOL_VERSION,
    job,
    height,
    node: identity.nodeId,
  })
}
