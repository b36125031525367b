/** Building a signed request to join a job. */
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
