/** Signing contexts: the domain string that binds a signature to one job and one message kind. */
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { asJobId } from '../types/index.ts'
import { CONTEXT_PREFIX, KIND_PATTERN, MAX_CONTEXT_BYTES } from './constants.ts'
import { SigningContextError } from './errors.ts'

/**
 * The ML-DSA context for a message kind in a job: the bytes of `swarm/v1/<job>/<kind>`.
 *
 * @remarks A signature made for one job or kind never verifies for another (FIPS 204 §5.2,
 * the context string `ctx`). Throws `SigningContextError` for an invalid job id or kind.
 */
export function signingContext(job: string, kind: string): Uint8Array {
  if (!asJobId(job).ok) throw new SigningContextError(`invalid job id: ${JSON.stringify(job)}`)
  if (!KIND_PATTERN.test(kind))
    throw new SigningContextError(`invalid kind: ${JSON.stringify(kind)}`)
  const bytes = utf8ToBytes(`${CONTEXT_PREFIX}/${job}/${kind}`)
  // Cannot happen with the patterns above (at most 9 + 64 + 1 + 32 bytes); kept as a guard.
  if (bytes.length > MAX_CONTEXT_BYTES) throw new SigningContextError('context too long')
  return bytes
}
