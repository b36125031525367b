/**
 * Reading consensus frames from the wire: decode the frame, peek at its height (frames of later
 * heights are kept unopened), open the envelope against the height's members (through a shared
 * cache of opened envelopes, when there is one) and say what it is, or why it is rejected.
 */
import { equalBytes, sha256Hex } from '../crypto/index.ts'
import { consensusCodec } from '../consensus/codec.ts'
import type { ConsensusMessage } from '../consensus/messages.ts'
import { decodeEnvelope, openMessage, type OpenedMessage } from '../protocol/index.ts'
import type { JobId, NodeId } from '../types/index.ts'
import type { Member } from './application.ts'
import { decodeFrame } from './wire.ts'

/** Opened envelopes by hash, shared by the nodes of a simulator. */
export type OpenCache = Map<string, OpenedMessage<ConsensusMessage>>

/** Opened envelopes kept at most before the cache starts over. */
const MAX_CACHED = 50_000

/** What a consensus frame turned out to be. */
export type Inbound =
  | { readonly kind: 'reject'; readonly reason: string }
  /** For an earlier height, or otherwise of no use now. */
  | { readonly kind: 'ignore' }
  /** For a later height: kept whole for when the node gets there. */
  | { readonly kind: 'future'; readonly height: number }
  | {
      readonly kind: 'vote'
      readonly message: Extract<ConsensusMessage, { type: 'prevote' | 'precommit' }>
      readonly envelope: Uint8Array
      readonly messageHash: string
    }
  | {
      readonly kind: 'proposal'
      readonly message: Extract<ConsensusMessage, { type: 'proposal' }>
      readonly block: Uint8Array
    }

/** Opens a consensus envelope signed by one of `members`, through `cache` when given. */
export function openConsensus(
  envelope: Uint8Array,
  job: JobId,
  members: readonly Member[],
  cache?: OpenCache,
): ReturnType<typeof openMessage<ConsensusMessage>> {
  const key = cache === undefined ? '' : sha256Hex(envelope)
  const hit = cache?.get(key)
  if (hit !== undefined) {
    const member = members.find((m) => m.node === hit.message.node)
    if (member !== undefined && equalBytes(member.publicKey, hit.publicKey))
      return { ok: true, value: hit }
  }
  const opened = openMessage(envelope, {
    codec: consensusCodec,
    job,
    keys: (n: NodeId) => members.find((m) => m.node === n)?.publicKey,
  })
  if (opened.ok && cache !== undefined) {
    if (cache.size > MAX_CACHED) cache.clear()
    cache.set(key, opened.value)
  }
  return opened
}

/** Reads a frame received while height `at.height` runs among `at.members`. */
export function readFrame(
  bytes: Uint8Array,
  job: JobId,
  at: { readonly height: number; readonly members: readonly Member[] },
  cache?: OpenCache,
): Inbound {
  const frame = decodeFrame(bytes)
  if (!frame.ok) return { kind: 'reject', reason: `frame: ${frame.reason}` }
  // A cheap look at the height before the signature check: messages for later heights are
  // buffered (or trigger a sync), since their signers may not be members we know yet.
  const envelope = decodeEnvelope(frame.value.envelope)
  const peek = envelope.ok ? consensusCodec.decode(envelope.value.body) : undefined
  if (peek?.ok === true) {
    const h = peek.value.height
    if (h > at.height) return { kind: 'future', height: h }
    if (h < at.height) return { kind: 'ignore' }
  }
  const opened = openConsensus(frame.value.envelope, job, at.members, cache)
  if (!opened.ok)
    return { kind: 'reject', reason: `envelope: ${opened.reason.code} ${opened.reason.detail}` }
  const m = opened.value.message
  if (m.height !== at.height) return { kind: 'ignore' }
  if (frame.value.kind === 'vote' && (m.type === 'prevote' || m.type === 'precommit')) {
    const { envelope: ref } = frame.value
    return { kind: 'vote', message: m, envelope: ref, messageHash: opened.value.messageHash }
  }
  if (frame.value.kind === 'proposal' && m.type === 'proposal')
    return { kind: 'proposal', message: m, block: frame.value.block }
  return { kind: 'reject', reason: 'frame: kind does not match message type' }
}
