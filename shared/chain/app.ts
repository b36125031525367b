/**
 * The DiLoCo application that `SwarmNode` replicates: each height, members train from θ_{h−1},
 * publish signed update headers and serve their compressed payloads by hash; the proposer
 * collects them for up to `collectMs` and proposes a block; every member re-checks the block,
 * fetches what it lacks, recomputes S_h and prevotes only when its state hash matches.
 *
 * @remarks
 * A façade over its parts: `mempool.ts` (joins, leaves, evidence, transfers), `payload-store.ts`
 * (payloads and their fetch protocol), `updates.ts` (this height's update headers),
 * `local-round.ts` (this node's training, ahead of the certificate), `proposal.ts` (block
 * assembly with the straggler grace) and `execution.ts` (validate and apply).
 */
import type { Certificate } from '../consensus/index.ts'
import type { Identity } from '../crypto/index.ts'
import type { AppContext, Application, ChainView } from '../node/application.ts'
import { coreCodec, decodeEnvelope } from '../protocol/index.ts'
import { transferCodec } from '../ledger/index.ts'
import type { NodeId, PeerIdString, Result } from '../types/index.ts'
import type { UpdateAttack } from './attack.ts'
import { BlockApplyError, BlockBuildError } from './errors.ts'
import { BlockExecutor } from './execution.ts'
import { LocalRound, type LocalTrainer } from './local-round.ts'
import { Mempool } from './mempool.ts'
import { PayloadStore } from './payload-store.ts'
import { Proposer } from './proposal.ts'
import { StateHashes, decodeState, encodeState } from './state.ts'
import { countRejection, createStats, type AppStats } from './stats.ts'
import type { TransitionResult } from './transition.ts'
import type { ChainParams, DilocoState } from './types.ts'
import { HeightUpdates } from './updates.ts'
import { openUpdate } from './verify.ts'

export type { AttackView, UpdateAttack } from './attack.ts'
export type { LocalTrainer } from './local-round.ts'
export { rejectionKey, type AppStats } from './stats.ts'

/** Setup of the app at one node. */
export interface DilocoAppInit {
  readonly params: ChainParams
  readonly identity: Identity
  /** No trainer: the node follows the chain without contributing. */
  readonly trainer?: LocalTrainer
  /** Test-only: what this node sends instead of its honest update (see `UpdateAttack`). */
  readonly attack?: UpdateAttack
  /** Called with each applied block's transition (its ledger events, who was evicted). */
  readonly onApplied?: (next: DilocoState, result: TransitionResult) => void
  /**
   * Start the next height's training on a block's computed state as soon as the block checks
   * out, before it is certified (default true). See `LocalRound`'s remarks.
   */
  readonly trainAhead?: boolean
}

/** The DiLoCo application. */
export class DilocoApp implements Application<DilocoState> {
  readonly stats: AppStats = createStats()
  readonly #init: DilocoAppInit
  readonly #hashes = new StateHashes()
  readonly #updates = new HeightUpdates()
  readonly #payloads: PayloadStore
  readonly #mempool: Mempool
  readonly #executor: BlockExecutor
  readonly #round: LocalRound
  readonly #proposer: Proposer
  #startedAt = 0

  constructor(init: DilocoAppInit) {
    const { params, identity } = init
    this.#init = init
    const reject = (reason: string) => countRejection(this.stats, reason)
    this.#payloads = new PayloadStore(params, reject)
    this.#mempool = new Mempool(params)
    this.#executor = new BlockExecutor(params, this.#payloads, this.#hashes)
    const parts = { updates: this.#updates, payloads: this.#payloads, hashes: this.#hashes }
    this.#round = new LocalRound({
      params,
      identity,
      ...(init.trainer === undefined ? {} : { trainer: init.trainer }),
      ...(init.attack === undefined ? {} : { attack: init.attack }),
      ...(init.trainAhead === undefined ? {} : { trainAhead: init.trainAhead }),
      stats: this.stats,
      reject,
      ...parts,
    })
    this.#proposer = new Proposer({
      params,
      self: identity.nodeId,
      mempool: this.#mempool,
      executor: this.#executor,
      ...parts,
    })
  }

  /** Whether this node trains and sends updates (from the next height on). */
  get contributing(): boolean {
    return this.#round.contributing
  }

  set contributing(on: boolean) {
    this.#round.contributing = on
  }

  /**
   * Queues a message this node sealed itself (a transfer) for the blocks it proposes; gossip
   * does not deliver a node's own messages back to it. The caller publishes it to the others.
   */
  submit(bytes: Uint8Array, s?: DilocoState): Result<void> {
    return this.#mempool.submit(bytes, s)
  }

  /** How many transfers from `node` wait for a block here (to pick the next nonce). */
  pendingTransfersFrom(node: NodeId): number {
    return this.#mempool.pendingTransfersFrom(node)
  }

  #reject(reason: string): void {
    countRejection(this.stats, reason)
  }

  view(s: DilocoState): ChainView {
    const { height, blockHash, members } = s
    return { height, stateHash: this.#hashes.of(s), blockHash, members }
  }

  beginHeight(s: DilocoState, ctx: AppContext): void {
    this.#startedAt = ctx.clock.now()
    this.#updates.reset()
    this.#payloads.prune(s.height + 1)
    this.#executor.clear()
    this.#payloads.serve(ctx.transport)
    this.#round.begin(s, ctx, this.#startedAt)
  }

  onMessage(s: DilocoState, bytes: Uint8Array, from: PeerIdString, ctx: AppContext): void {
    const env = decodeEnvelope(bytes)
    if (!env.ok) return this.#reject(`app: ${env.reason.code}`)
    const core = coreCodec.decode(env.value.body)
    const kind = core.ok
      ? core.value.type
      : transferCodec.decode(env.value.body).ok
        ? 'transfer'
        : '?'
    let rejected: string | undefined
    if (kind === 'update') this.#onUpdate(s, bytes, from, ctx)
    else if (kind === 'join') rejected = this.#mempool.addJoin(bytes, s)
    else if (kind === 'leave') rejected = this.#mempool.addLeave(bytes, s)
    else if (kind === 'transfer') this.#mempool.addTransfer(bytes)
    else rejected = `app: unknown message ${kind}`
    if (rejected !== undefined) this.#reject(rejected)
  }

  #onUpdate(s: DilocoState, bytes: Uint8Array, from: PeerIdString, ctx: AppContext): void {
    const u = openUpdate(bytes, s, this.#hashes.of(s))
    if (!u.ok) return this.#reject(u.reason)
    const m = u.value
    if (this.#updates.has(m.node)) return
    this.#updates.set(m.node, { envelope: bytes, message: m })
    this.stats.updatesReceived++
    const author = s.members.find((x) => x.node === m.node)?.peer
    void this.#payloads.fetch(m, [author, from], ctx).then(() => this.#updates.notify())
  }

  async proposeBlock(s: DilocoState, ctx: AppContext): Promise<Uint8Array> {
    const proposal = await this.#proposer.propose(s, ctx, this.#startedAt)
    if (!proposal.ok) throw new BlockBuildError(`cannot build a block: ${proposal.reason}`)
    this.#round.trainAhead(proposal.value.result.state, ctx.clock.now(), ctx)
    return proposal.value.bytes
  }

  async validateBlock(s: DilocoState, bytes: Uint8Array, ctx: AppContext): Promise<Result<void>> {
    const seenAt = ctx.clock.now()
    const checked = await this.#executor.validate(s, bytes, ctx)
    if (!checked.ok) return checked
    this.#round.trainAhead(checked.value.result.state, seenAt, ctx)
    return { ok: true, value: undefined }
  }

  async applyBlock(
    s: DilocoState,
    bytes: Uint8Array,
    _cert: Certificate,
    ctx: AppContext,
  ): Promise<DilocoState> {
    const applied = await this.#executor.apply(s, bytes, ctx)
    if (!applied.ok) throw new BlockApplyError(applied.reason)
    const { block, result, next } = applied.value
    this.#mempool.applied(block, s, next)
    try {
      this.#init.onApplied?.(next, result)
    } catch {
      // An observer's failure must not stop the chain.
    }
    return next
  }

  onEvidence(s: DilocoState, first: Uint8Array, second: Uint8Array): void {
    this.#mempool.addEvidence(s, first, second)
  }

  encodeState(s: DilocoState): Uint8Array {
    return encodeState(s)
  }

  decodeState(bytes: Uint8Array): Result<DilocoState> {
    return decodeState(bytes)
  }
}
