/**
 * The signed envelope: message body bytes, who signed them, and the signature.
 *
 * @remarks
 * Wire layout: `ENVELOPE_VERSION` (varuint) ‖ signer type (text, `id` or `key`) ‖ the signer
 * (32-byte node id, or the 1952-byte ML-DSA-65 public key) ‖ signature (3309 bytes) ‖ body
 * (length-prefixed). `key` lets a node that no one knows yet (a joiner) be verified from the
 * envelope alone; members sign with `id` and save 1.9 kB a message.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { ML_DSA_65_PUBLIC_KEY_BYTES, ML_DSA_65_SIGNATURE_BYTES } from '../crypto/index.ts'
import type { NodeId, Result } from '../types/index.ts'
import { asNodeId } from '../types/index.ts'
import { ENVELOPE_VERSION, MAX_BODY_BYTES, MAX_ENVELOPE_BYTES } from './constants.ts'
import { DecodeError, EncodeError } from './errors.ts'
import { ByteReader } from './reader.ts'
import type { Rejection } from './rejection.ts'
import { reject } from './rejection.ts'
import { ByteWriter } from './writer.ts'

/** Who signed an envelope: a node id to look up, or the public key itself. */
export type EnvelopeSigner =
  | { readonly type: 'id'; readonly node: NodeId }
  | { readonly type: 'key'; readonly publicKey: Uint8Array }

/** A signed message body as it travels. */
export interface Envelope {
  readonly signer: EnvelopeSigner
  readonly signature: Uint8Array
  readonly body: Uint8Array
}

/** The bytes of an envelope; throws `EncodeError` on fields of the wrong size. */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const { signer, signature, body } = envelope
  if (signature.length !== ML_DSA_65_SIGNATURE_BYTES) throw new EncodeError('bad signature length')
  if (body.length > MAX_BODY_BYTES) throw new EncodeError(`body over ${MAX_BODY_BYTES} bytes`)
  const writer = new ByteWriter(body.length + signature.length + ML_DSA_65_PUBLIC_KEY_BYTES + 16)
  writer.varuint(ENVELOPE_VERSION).text(signer.type)
  if (signer.type === 'id') {
    if (!asNodeId(signer.node).ok) throw new EncodeError('signer is not a node id')
    writer.raw(hexToBytes(signer.node))
  } else {
    if (signer.publicKey.length !== ML_DSA_65_PUBLIC_KEY_BYTES) {
      throw new EncodeError('bad public key length')
    }
    writer.raw(signer.publicKey)
  }
  return writer.raw(signature).bytes(body).finish()
}

/** The envelope in `bytes`, or why not. Never throws; checks sizes, not the signature. */
export function decodeEnvelope(bytes: Uint8Array): Result<Envelope, Rejection> {
  if (!(bytes instanceof Uint8Array)) return reject('malformed', 'not bytes')
  if (bytes.length > MAX_ENVELOPE_BYTES) return reject('too-large', `${bytes.length} bytes`)
  const reader = new ByteReader(bytes)
  try {
    const version = reader.varuint()
    if (version !== ENVELOPE_VERSION) return reject('unsupported-version', `envelope v${version}`)
    const kind = reader.text(8)
    let signer: EnvelopeSigner
    if (kind === 'id') signer = { type: 'id', node: bytesToHex(reader.view(32)) as NodeId }
    else if (kind === 'key')
      signer = { type: 'key', publicKey: reader.raw(ML_DSA_65_PUBLIC_KEY_BYTES) }
    else return reject('malformed', `envelope signer type ${JSON.stringify(kind)}`)
    const signature = reader.raw(ML_DSA_65_SIGNATURE_BYTES)
    const body = reader.bytes(MAX_BODY_BYTES)
    reader.end()
    return { ok: true, value: { signer, signature, body } }
  } catch (err) {
    const why = err instanceof DecodeError ? err.message : `unexpected ${String(err)}`
    return reject('malformed', `envelope: ${why}`)
  }
}
