/**
 * Branded identifiers and units shared by every part of the node.
 *
 * @remarks
 * A brand makes a plain `string` or `number` carry its meaning in the type system, so a
 * libp2p peer id can never be passed where a node id (hash of an ML-DSA public key) is expected.
 * Values are branded only by the functions that validate them.
 */

declare const brand: unique symbol

/** A value of type `T` that has been validated as a `B`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B }

/** The libp2p peer id of a node, in its base58btc/CID string form. */
export type PeerIdString = Brand<string, 'PeerIdString'>

/** A node's identity: the hex hash of its ML-DSA-65 public key (see DESIGN.md, "Identity"). */
export type NodeId = Brand<string, 'NodeId'>

/** A height of the certified round log, an integer ≥ 0 (0 is genesis). */
export type Height = Brand<number, 'Height'>

/** An amount of rUv in integer micro-units (6 decimals). */
export type TokenAmount = Brand<bigint, 'TokenAmount'>

/** The name of a gossip topic. */
export type Topic = Brand<string, 'Topic'>

/** A result of an operation whose failure is expected (a value, not an exception). */
export type Result<T, R = string> = { ok: true; value: T } | { ok: false; reason: R }

const PEER_ID_RE = /^(12D3Koo[1-9A-HJ-NP-Za-km-z]{44,46}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/
const NODE_ID_RE = /^[0-9a-f]{64}$/

/** Validates a libp2p peer id string (Ed25519 `12D3Koo…` or RSA-style `Qm…`). */
export function asPeerId(value: string): Result<PeerIdString> {
  return PEER_ID_RE.test(value)
    ? { ok: true, value: value as PeerIdString }
    : { ok: false, reason: 'not a libp2p peer id' }
}

/** Validates a node id: 64 lowercase hex characters (a 256-bit hash). */
export function asNodeId(value: string): Result<NodeId> {
  return NODE_ID_RE.test(value)
    ? { ok: true, value: value as NodeId }
    : { ok: false, reason: 'node id must be 64 lowercase hex characters' }
}

/** Validates a height: a safe non-negative integer. */
export function asHeight(value: number): Result<Height> {
  return Number.isSafeInteger(value) && value >= 0
    ? { ok: true, value: value as Height }
    : { ok: false, reason: 'height must be a non-negative safe integer' }
}

/** Validates a token amount: a non-negative integer number of micro-rUv. */
export function asTokenAmount(value: bigint): Result<TokenAmount> {
  return value >= 0n
    ? { ok: true, value: value as TokenAmount }
    : { ok: false, reason: 'token amount must be non-negative' }
}

/** Topic names are namespaced by job so two jobs never share a mesh. */
export function topicFor(jobId: string, kind: string): Topic {
  return `swarm/${jobId}/${kind}` as Topic
}

/**
 * The part of the platform's `AbortSignal` that `shared/` uses. `shared/` compiles without DOM
 * or Node types, so it names the shape; a real `AbortSignal` satisfies it.
 */
export interface AbortSignalLike {
  readonly aborted: boolean
  readonly reason?: unknown
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** A 256-bit content hash (SHA-256) as 64 lowercase hex characters. */
export type HashHex = Brand<string, 'HashHex'>

/**
 * The id of a training job: normally the 64-hex hash of its manifest. Short slugs
 * (lowercase letters, digits, `.`, `_`, `-`, at most 64 characters) are allowed for tests and dev jobs.
 */
export type JobId = Brand<string, 'JobId'>

const JOB_ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/

/** Validates a content hash: 64 lowercase hex characters. */
export function asHashHex(value: string): Result<HashHex> {
  return NODE_ID_RE.test(value)
    ? { ok: true, value: value as HashHex }
    : { ok: false, reason: 'hash must be 64 lowercase hex characters' }
}

/** Validates a job id: 1–64 characters of `[a-z0-9._-]`, starting with a letter or digit. */
export function asJobId(value: string): Result<JobId> {
  return JOB_ID_RE.test(value)
    ? { ok: true, value: value as JobId }
    : { ok: false, reason: 'job id must be 1-64 characters of [a-z0-9._-]' }
}
