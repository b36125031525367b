/**
 * Sealing (encode, sign, wrap) and opening (unwrap, decode, check the signer, verify, de-duplicate)
 * of protocol messages.
 *
 * @remarks
 * Opening runs the cheap checks first and the signature last but one: size, envelope, body schema,
 * job, signer ↔ node id, replay window and duplicates, then ML-DSA verification (about 1.5 ms),
 * then recording in the replay guard. Bodies are small (≤ 64 KiB); large payloads are checked
 * against the verified header's hash before they are decoded (see `payload.ts`).
 */
import type { Identity } from '../crypto/index.ts'
import { nodeIdOf, sha256Hex, signBytes, signingContext, verifyBytes } from '../crypto/index.ts'
import type { HashHex, JobId, NodeId, Result } from '../types/index.ts'
import type { EnvelopeSigner } from './envelope.ts'
import { decodeEnvelope, encodeEnvelope } from './envelope.ts'
import { EncodeError } from './errors.ts'
import type { Rejection } from './rejection.ts'
import { reject } from './rejection.ts'
import type { ReplayGuard } from './replay.ts'
import type { BaseMessage, MessageCodec } from './schema.ts'

/** How to seal: name the signer by node id (members) or carry the public key (joiners). */
export interface SealOptions {
  readonly signer?: EnvelopeSigner['type']
}

/** The public key of a known node, or `undefined` if the node is unknown. */
export type KeyResolver = (node: NodeId) => Uint8Array | undefined

/** What opening a message needs. */
export interface OpenOptions<M extends BaseMessage> {
  readonly codec: MessageCodec<M>
  /** The job this node is in; messages of any other job are refused. */
  readonly job: JobId
  /** Public keys of known nodes, for envelopes signed by id. */
  readonly keys?: KeyResolver
  /** Replay guard to consult and record in; without one, duplicates are not detected. */
  readonly guard?: ReplayGuard
}

/** A message that decoded, verified and was not a replay. */
export interface OpenedMessage<M extends BaseMessage> {
  readonly message: M
  /** SHA-256 of the canonical body: the message's identity. */
  readonly messageHash: HashHex
  /** The signer's ML-DSA-65 public key. */
  readonly publicKey: Uint8Array
  readonly body: Uint8Array
  readonly signature: Uint8Array
}

/** Encodes, signs and wraps `message`; it must be the identity's own (`node` = its id). */
export function sealMessage<M extends BaseMessage>(
  codec: MessageCodec<M>,
  identity: Identity,
  message: M,
  options: SealOptions = {},
): Uint8Array {
  if (message.node !== identity.nodeId) {
    throw new EncodeError(`message node ${message.node} is not the signer ${identity.nodeId}`)
  }
  const body = codec.encode(message)
  const signature = signBytes(identity, body, signingContext(message.job, message.type))
  const signer: EnvelopeSigner =
    options.signer === 'key'
      ? { type: 'key', publicKey: identity.publicKey }
      : { type: 'id', node: identity.nodeId }
  return encodeEnvelope({ signer, signature, body })
}

/** Opens sealed bytes from the wire: the verified message, or why it was refused. Never throws. */
export function openMessage<M extends BaseMessage>(
  bytes: Uint8Array,
  options: OpenOptions<M>,
): Result<OpenedMessage<M>, Rejection> {
  const envelope = decodeEnvelope(bytes)
  if (!envelope.ok) return envelope
  const { signer, signature, body } = envelope.value
  const decoded = options.codec.decode(body)
  if (!decoded.ok) return decoded
  const message = decoded.value
  if (message.job !== options.job) return reject('wrong-job', `message for job ${message.job}`)

  let publicKey: Uint8Array
  if (signer.type === 'key') {
    if (nodeIdOf(signer.publicKey) !== message.node) {
      return reject('bad-signer', 'public key does not hash to the message node')
    }
    publicKey = signer.publicKey
  } else {
    if (signer.node !== message.node) return reject('bad-signer', 'signer is not the message node')
    const known = options.keys?.(signer.node)
    if (known === undefined) return reject('unknown-signer', `no key for ${signer.node}`)
    if (nodeIdOf(known) !== signer.node) return reject('bad-signer', 'resolved key mismatch')
    publicKey = known
  }

  const messageHash = sha256Hex(body)
  const entry = {
    job: message.job,
    height: message.height,
    node: message.node,
    type: message.type,
    hash: messageHash,
  }
  const early = options.guard?.check(entry)
  if (early !== undefined && !early.ok) return early

  const context = signingContext(message.job, message.type)
  if (!verifyBytes(publicKey, body, signature, context)) {
    return reject('bad-signature', `${message.type} from ${message.node}`)
  }
  const admitted = options.guard?.admit(entry)
  if (admitted !== undefined && !admitted.ok) return admitted
  return { ok: true, value: { message, messageHash, publicKey, body, signature } }
}
