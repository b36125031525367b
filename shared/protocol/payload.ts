/**
 * Update payloads: the compressed pseudo-gradient named by an `update` header. A payload is
 * accepted only if its length and SHA-256 match the verified header, before it is decoded.
 */
import { sha256HexAsync } from '../crypto/index.ts'
import type { HashHex, Result } from '../types/index.ts'
import type { Rejection } from './rejection.ts'
import { reject } from './rejection.ts'
import type { UpdateMessage } from './update.ts'

/** SHA-256 of payload bytes, as an `update` header carries it (WebCrypto when available). */
export function payloadHashOf(payload: Uint8Array): Promise<HashHex> {
  return sha256HexAsync(payload)
}

/** Whether `payload` is the one the (already verified) header names: length, then hash. */
export async function checkPayload(
  header: Pick<UpdateMessage, 'payloadHash' | 'payloadBytes'>,
  payload: Uint8Array,
): Promise<Result<void, Rejection>> {
  if (payload.length !== header.payloadBytes) {
    return reject(
      'bad-payload',
      `payload is ${payload.length} bytes, header says ${header.payloadBytes}`,
    )
  }
  if ((await payloadHashOf(payload)) !== header.payloadHash) {
    return reject('bad-payload', 'payload hash does not match the header')
  }
  return { ok: true, value: undefined }
}
