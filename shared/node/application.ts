/**
 * The boundary between consensus and what it agrees on (in the spirit of Tendermint's ABCI).
 *
 * @remarks
 * `SwarmNode` runs heights, votes and certificates; an `Application` says who the members are,
 * builds, validates and applies blocks. The DiLoCo training application (`shared/chain`) is one;
 * tests use a small one where only the protocol is under test. `applyBlock` must be a pure,
 * deterministic function of (state, block, certificate): two honest nodes with the same log hold
 * byte-identical state.
 */
import type { Identity } from '../crypto/index.ts'
import type { Certificate } from '../consensus/certificate.ts'
import type { Transport } from '../transport/index.ts'
import type {
  AbortSignalLike,
  HashHex,
  Height,
  JobId,
  NodeId,
  PeerIdString,
  Result,
} from '../types/index.ts'
import type { Clock } from './clock.ts'

/** A voting member as the application records it. */
export interface Member {
  readonly node: NodeId
  /** ML-DSA-65 public key, to verify the member's signatures. */
  readonly publicKey: Uint8Array
  /** The libp2p peer the member answers requests on. */
  readonly peer: PeerIdString
}

/** What consensus needs to know of a state S_h. */
export interface ChainView {
  readonly height: Height
  readonly stateHash: HashHex
  /** Hash of the block that produced this state (all zeros at genesis). */
  readonly blockHash: HashHex
  /** The members who vote on height h + 1, sorted by node id. */
  readonly members: readonly Member[]
}

/** What the application may use while building or checking a block. */
export interface AppContext {
  readonly job: JobId
  readonly identity: Identity
  readonly transport: Transport
  readonly clock: Clock
  /** Publishes an application message to the job's app topic. */
  publish(bytes: Uint8Array): void
  /** The certificate of the previous height (`undefined` at height 1). */
  readonly lastCertificate: Certificate | undefined
  readonly signal: AbortSignalLike
}

/** The replicated application. */
export interface Application<S> {
  view(state: S): ChainView
  /** Height `view(state).height + 1` begins: start work for it (train, publish an update). */
  beginHeight(state: S, ctx: AppContext): void
  /** The block this node proposes for the next height; resolves when it is worth proposing. */
  proposeBlock(state: S, ctx: AppContext): Promise<Uint8Array>
  /** Whether a proposed block is valid on top of `state`; may fetch what it lacks. */
  validateBlock(state: S, block: Uint8Array, ctx: AppContext): Promise<Result<void>>
  /**
   * The next state: deterministic in (state, block, certificate). `ctx` is only for fetching
   * what the block names and this node lacks (a node that synced a certified block).
   */
  applyBlock(state: S, block: Uint8Array, cert: Certificate, ctx: AppContext): Promise<S>
  /** Two conflicting signed messages of one member (equivocation), for the next block's evidence. */
  onEvidence?(state: S, first: Uint8Array, second: Uint8Array): void
  /** An application message from the gossip topic (untrusted bytes). */
  onMessage(state: S, bytes: Uint8Array, from: PeerIdString, ctx: AppContext): void
  /** Canonical bytes of a state, for checkpoints; and back, validated. */
  encodeState(state: S): Uint8Array
  decodeState(bytes: Uint8Array): Result<S>
}
