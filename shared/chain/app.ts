/**
 * The DiLoCo application that `SwarmNode` replicates: each height, members train from θ_{h−1},
 * publish signed update headers and serve their compressed payloads by hash; the proposer
 * collects them for up to `collectMs` and proposes a block; every member re-checks the block,
 * fetches what it lacks, recomputes S_h and prevotes only when its state hash matches.
 */
import {
  decodeEvidence,
  encodeCertificate,
  quorum,
  encodeEvidence,
  verifyEvidence,
  type Certificate,
} from '../consensus/index.ts'
import { openTransfer, transferCodec } from '../ledger/index.ts'
import { equalBytes, sha256Hex, type Identity } from '../crypto/index.ts'
import type { AppContext, Application, ChainView } from '../node/application.ts'
import { Cancel } from '../node/cancel.ts'
import { yieldTo } from '../node/clock.ts'
import {
  decodeEnvelope,
  sealMessage,
  updateMessage,
  coreCodec,
  decodeUtf8,
  encodeUtf8,
} from '../protocol/index.ts'
import type { UpdateMessage } from '../protocol/index.ts'
import { compressedSize, decodeVector, encodeVector } from '../training/compress/index.ts'
import type {
  AbortSignalLike,
  HashHex,
  Height,
  NodeId,
  PeerIdString,
  Result,
} from '../types/index.ts'
import { blockHash, decodeBlock, encodeBlock, type Block } from './block.ts'
import { decodeState, encodeState, stateHash } from './state.ts'
import { transition, type IncludedUpdate, type TransitionResult } from './transition.ts'
import type { ChainParams, DilocoState } from './types.ts'
import { checkBlock, keysOf, openJoin, openLeave, openUpdate } from './verify.ts'

/** What the app asks of the local trainer. */
export interface LocalTrainer {
  train(
    weights: Float32Array,
    height: Height,
    signal: AbortSignalLike,
    /** Wall-clock budget of this round, when the chain sets one (else the trainer's default). */
    budgetMs?: number,
  ): Promise<{ delta: Float32Array; samples: number; loss: number }>
}

/** Figures of the local node, per height. */
export interface AppStats {
  trainedHeights: number
  /** Time spent in `train` over all rounds, in ms (compute utilization = this ÷ wall time). */
  trainMsTotal: number
  lastTrainMs: number
  lastLoss: number
  payloadBytesSent: number
  updatesReceived: number
  rejected: Map<string, number>
}

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
   * out, before it is certified (default true). See {@link DilocoApp}'s remarks.
   */
  readonly trainAhead?: boolean
}

type TrainResult = Awaited<ReturnType<LocalTrainer['train']>>

/** Training for the next height, started on a checked block's state before its certificate. */
interface Ahead {
  /** The weights it trains from (a round depends on θ, the height and the node only). */
  readonly weights: Float32Array
  readonly height: Height
  readonly began: number
  readonly cancel: Cancel
  readonly result: Promise<TrainResult>
}

/** What a test attacker sees of the height while it crafts its update. */
export interface AttackView {
  readonly height: Height
  /** The members of the height (the attacker among them). */
  readonly members: number
  /** The clock time at which a proposer stops collecting updates for this height. */
  readonly collectDeadline: number
  /** The other members' update vectors of this height that are here so far, by node id. */
  others(): Float32Array[]
  /** Resolves once every other member's update is here, or at clock time `until`. */
  waitForOthers(until: number): Promise<void>
}

/**
 * Test-only misbehaviour of a member's updates (a job must allow test attacks). Consensus never
 * calls these: they change only what this node sends, which honest nodes judge like any input.
 */
export interface UpdateAttack {
  /** The vector sent instead of the honest Δ (it may wait for the others' updates first). */
  readonly delta?: (honest: Float32Array, view: AttackView) => Float32Array | Promise<Float32Array>
  /** Rewrites the sealed update before it is published and proposed (e.g. breaks its signature). */
  readonly envelope?: (sealed: Uint8Array) => Uint8Array
}

/**
 * The key under which a rejection reason is counted: its prefix before `:` and the rejection code
 * that follows (`update: bad-signature …` → `update bad-signature`), digits folded to `N` so a
 * reason naming a height or a size does not open a new counter each time.
 */
export function rejectionKey(reason: string): string {
  const colon = reason.indexOf(':')
  const head = colon < 0 ? reason : reason.slice(0, colon)
  const code = colon < 0 ? undefined : /^ ([a-z]+(?:-[a-z]+)+)\b/.exec(reason.slice(colon + 1))?.[1]
  return `${head}${code === undefined ? '' : ` ${code}`}`.replace(/[0-9]+/g, 'N').slice(0, 80)
}

/**
 * Whether two float vectors hold the same bits. θ of the applied state is the very array the
 * round was trained ahead on when that block is certified, so the byte comparison runs only
 * when another block was.
 */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  const bytes = (v: Float32Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
  return a === b || equalBytes(bytes(a), bytes(b))
}

const PAYLOAD_PROTOCOL = 'payload'
/** A round trained ahead keeps at least this share of the budget (a block checked very late). */
const MIN_AHEAD_BUDGET = 0.5
/** After a quorum of updates, the proposer waits this share of the round budget for the rest… */
const STRAGGLER_GRACE = 0.1
/** …and never less than this (messaging and payload fetches on a loaded machine). */
const MIN_STRAGGLER_GRACE_MS = 500
const ATTACK_POLL_MS = 200
const byNode = (a: { node: NodeId }, b: { node: NodeId }) =>
  a.node < b.node ? -1 : a.node > b.node ? 1 : 0

/**
 * The DiLoCo application.
 *
 * @remarks
 * Training ahead: a member knows S_h as soon as it has checked the proposed block of height h
 * (validation recomputes it; the proposer computed it to propose), while the prevotes,
 * precommits, apply and persist of h still take a few hundred milliseconds. It starts training
 * height h+1 on that state right away. When the height begins, that training is kept if the
 * certified block produced the same θ_h (almost always: round 0 commits, and a later round's
 * block that aggregates the same updates gives the same θ even if its ledger differs) and
 * cancelled otherwise, when the node trains afresh. The update is the same DiLoCo update
 * either way (Δ from the certified θ_h); only the trainer's idle time between heights goes.
 */
export class DilocoApp implements Application<DilocoState> {
  readonly stats: AppStats = {
    trainedHeights: 0,
    trainMsTotal: 0,
    lastTrainMs: 0,
    lastLoss: NaN,
    payloadBytesSent: 0,
    updatesReceived: 0,
    rejected: new Map(),
  }
  readonly #p: DilocoAppInit['params']
  readonly #init: DilocoAppInit
  /** Payloads by hash (ours and fetched), kept for two heights to serve late fetchers. */
  readonly #payloads = new Map<HashHex, { bytes: Uint8Array; height: number }>()
  /** Update headers of the current height, by node. */
  #headers = new Map<NodeId, { envelope: Uint8Array; message: UpdateMessage }>()
  readonly #joins = new Map<NodeId, Uint8Array>()
  readonly #leaves = new Map<NodeId, Uint8Array>()
  readonly #evidence = new Map<string, Uint8Array>()
  readonly #transfers = new Map<string, Uint8Array>()
  readonly #next = new Map<HashHex, TransitionResult>()
  readonly #hashes = new WeakMap<DilocoState, HashHex>()
  #height = 0
  #startedAt = 0
  /** Whether the trainer is busy with this height's own round (not one trained ahead). */
  #training = false
  #ahead: Ahead | undefined
  #served = false
  #contributing = true
  #wake: (() => void) | undefined

  constructor(init: DilocoAppInit) {
    this.#init = init
    this.#p = init.params
  }

  #hash(s: DilocoState): HashHex {
    let h = this.#hashes.get(s)
    if (h === undefined) this.#hashes.set(s, (h = stateHash(s)))
    return h
  }

  /** Whether this node trains and sends updates (from the next height on). */
  get contributing(): boolean {
    return this.#contributing
  }

  set contributing(on: boolean) {
    this.#contributing = on
  }

  /**
   * Queues a message this node sealed itself (a transfer) for the blocks it proposes; gossip
   * does not deliver a node's own messages back to it. The caller publishes it to the others.
   */
  submit(bytes: Uint8Array, s?: DilocoState): Result<void> {
    const env = decodeEnvelope(bytes)
    if (!env.ok) return { ok: false, reason: 'not an envelope' }
    const core = coreCodec.decode(env.value.body)
    if (core.ok && core.value.type === 'leave' && s !== undefined) {
      const l = openLeave(bytes, s)
      if (!l.ok) return l
      this.#leaves.set(l.value, bytes)
      return { ok: true, value: undefined }
    }
    if (!transferCodec.decode(env.value.body).ok)
      return { ok: false, reason: 'only transfers and leaves can be submitted' }
    if (this.#transfers.size >= 4 * this.#p.maxTransfers)
      return { ok: false, reason: 'too many transfers are waiting; try again after a block' }
    this.#transfers.set(sha256Hex(bytes), bytes)
    return { ok: true, value: undefined }
  }

  /** How many transfers from `node` wait for a block here (to pick the next nonce). */
  pendingTransfersFrom(node: NodeId): number {
    let n = 0
    for (const bytes of this.#transfers.values()) {
      const env = decodeEnvelope(bytes)
      const t = env.ok ? transferCodec.decode(env.value.body) : undefined
      if (t?.ok === true && t.value.node === node) n++
    }
    return n
  }

  #reject(reason: string): void {
    const key = rejectionKey(reason)
    this.stats.rejected.set(key, (this.stats.rejected.get(key) ?? 0) + 1)
  }

  view(s: DilocoState): ChainView {
    return {
      height: s.height,
      stateHash: this.#hash(s),
      blockHash: s.blockHash,
      members: s.members,
    }
  }

  beginHeight(s: DilocoState, ctx: AppContext): void {
    this.#height = s.height + 1
    this.#startedAt = ctx.clock.now()
    this.#headers = new Map()
    for (const [hash, p] of this.#payloads)
      if (p.height < this.#height - 2) this.#payloads.delete(hash)
    for (const hash of this.#next.keys()) this.#next.delete(hash)
    if (!this.#served) {
      this.#served = true
      ctx.transport.handle(PAYLOAD_PROTOCOL, (req) => {
        let hash: string
        try {
          hash = decodeUtf8(req)
        } catch {
          return Promise.resolve(undefined)
        }
        return Promise.resolve(this.#payloads.get(hash as HashHex)?.bytes)
      })
    }
    const ahead = this.#ahead
    this.#ahead = undefined
    const trains = this.#trains(s)
    const kept =
      ahead !== undefined &&
      trains &&
      ahead.height === this.#height &&
      sameBits(ahead.weights, s.weights)
    if (ahead !== undefined && !kept) ahead.cancel.abort('another block was certified')
    if (trains) void this.#train(s, ctx, kept ? ahead : undefined)
  }

  /** Whether this node trains from `s` (it has a trainer, contributes, and is a member). */
  #trains(s: DilocoState): boolean {
    const me = this.#init.identity.nodeId
    return (
      this.#init.trainer !== undefined && this.#contributing && s.members.some((m) => m.node === me)
    )
  }

  /**
   * Starts the round after `next` (a checked block's state) unless the trainer is busy. `seenAt`
   * is when the block arrived: members check it at different speeds, so the round gets the
   * budget left from then, and everyone's round ends at about the same time (the proposer of
   * the next height waits for the last update).
   */
  #trainAhead(next: DilocoState, seenAt: number, ctx: AppContext): void {
    if (this.#init.trainAhead === false || this.#training || this.#ahead !== undefined) return
    if (!this.#trains(next)) return
    const height = (next.height + 1) as Height
    const cancel = new Cancel()
    const full = this.#p.roundBudgetMs
    const budget =
      full === undefined
        ? undefined
        : Math.max(full * MIN_AHEAD_BUDGET, full - (ctx.clock.now() - seenAt))
    const result = (this.#init.trainer as LocalTrainer).train(
      next.weights,
      height,
      cancel.signal,
      budget,
    )
    // Awaited only if its block is certified; a cancelled round's rejection is expected.
    result.catch(() => undefined)
    this.#ahead = { weights: next.weights, height, began: ctx.clock.now(), cancel, result }
  }

  async #train(s: DilocoState, ctx: AppContext, ahead?: Ahead): Promise<void> {
    const h = (s.height + 1) as Height
    const began = ahead?.began ?? ctx.clock.now()
    let result
    this.#training = true
    const cancelAhead = () => ahead?.cancel.abort('the height ended')
    if (ahead !== undefined) ctx.signal.addEventListener('abort', cancelAhead)
    try {
      result =
        ahead === undefined
          ? await (this.#init.trainer as LocalTrainer).train(s.weights, h, ctx.signal)
          : await ahead.result
    } catch (err) {
      return this.#reject(`train: ${(err as Error).message}`)
    } finally {
      this.#training = false
      ctx.signal.removeEventListener('abort', cancelAhead)
    }
    // Encoding and signing are separate tasks, so neither joins another in one long task.
    await yieldTo(ctx.clock)
    if (ctx.signal.aborted || this.#height !== h) return
    const craft = this.#init.attack?.delta
    const delta =
      craft === undefined ? result.delta : await craft(result.delta, this.#attackView(s, ctx))
    if (ctx.signal.aborted || this.#height !== h) return
    const payload = encodeVector(delta, this.#p.compression)
    const payloadHash = sha256Hex(payload)
    await yieldTo(ctx.clock)
    if (ctx.signal.aborted || this.#height !== h) return
    this.#payloads.set(payloadHash, { bytes: payload, height: h })
    const header = updateMessage({
      job: this.#p.job,
      height: h,
      node: this.#init.identity.nodeId,
      base: this.#hash(s),
      samples: Math.max(1, result.samples),
      trainLoss: Number.isFinite(result.loss) ? result.loss : 0,
      payloadHash,
      payloadBytes: payload.length,
    })
    const sealed = sealMessage(coreCodec, this.#init.identity, header)
    const envelope = this.#init.attack?.envelope?.(sealed) ?? sealed
    this.stats.trainedHeights++
    this.stats.lastTrainMs = ctx.clock.now() - began
    this.stats.trainMsTotal += this.stats.lastTrainMs
    this.stats.lastLoss = result.loss
    this.#headers.set(header.node, { envelope, message: header })
    ctx.publish(envelope)
    this.#wake?.()
  }

  #attackView(s: DilocoState, ctx: AppContext): AttackView {
    const me = this.#init.identity.nodeId
    const arrived = () =>
      [...this.#headers.values()]
        .filter((x) => x.message.node !== me && this.#payloads.has(x.message.payloadHash))
        .sort((a, b) => byNode(a.message, b.message))
    const others = () =>
      arrived().flatMap(({ message }) => {
        const bytes = this.#payloads.get(message.payloadHash)?.bytes as Uint8Array
        const v = decodeVector(bytes, { dimension: this.#p.dimension })
        return v.ok ? [v.value.vector] : []
      })
    return {
      height: (s.height + 1) as Height,
      members: s.members.length,
      collectDeadline: this.#startedAt + this.#p.collectMs,
      others,
      waitForOthers: async (until) => {
        while (
          arrived().length < s.members.length - 1 &&
          ctx.clock.now() < until &&
          !ctx.signal.aborted
        ) {
          await new Promise<void>((resolve) =>
            ctx.clock.setTimeout(
              resolve,
              Math.max(1, Math.min(ATTACK_POLL_MS, until - ctx.clock.now())),
            ),
          )
        }
      },
    }
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
    if (kind === 'update') return this.#onUpdate(s, bytes, from, ctx)
    if (kind === 'join') {
      const j = openJoin(bytes, s.job)
      if (!j.ok) return this.#reject(j.reason)
      if (!s.members.some((m) => m.node === j.value.message.node))
        this.#joins.set(j.value.message.node, bytes)
      return
    }
    if (kind === 'leave') {
      const l = openLeave(bytes, s)
      if (!l.ok) return this.#reject(`leave: ${l.reason}`)
      this.#leaves.set(l.value, bytes)
      return
    }
    if (kind === 'transfer') {
      const key = sha256Hex(bytes)
      if (this.#transfers.size < 4 * this.#p.maxTransfers) this.#transfers.set(key, bytes)
      return
    }
    this.#reject(`app: unknown message ${kind}`)
  }

  #onUpdate(s: DilocoState, bytes: Uint8Array, from: PeerIdString, ctx: AppContext): void {
    const u = openUpdate(bytes, s, this.#hash(s))
    if (!u.ok) return this.#reject(u.reason)
    const m = u.value
    if (this.#headers.has(m.node)) return
    this.#headers.set(m.node, { envelope: bytes, message: m })
    this.stats.updatesReceived++
    const author = s.members.find((x) => x.node === m.node)?.peer
    void this.#fetch(m, [author, from], ctx).then(() => this.#wake?.())
  }

  /** Makes sure the payload an update names is here: fetched, size- and hash-checked. */
  async #fetch(
    m: UpdateMessage,
    peers: readonly (PeerIdString | undefined)[],
    ctx: AppContext,
  ): Promise<boolean> {
    if (this.#payloads.has(m.payloadHash)) return true
    const expected = compressedSize(this.#p.compression, this.#p.dimension)
    if (m.payloadBytes !== expected) {
      this.#reject(`payload: ${m.payloadBytes} bytes announced, ${expected} expected`)
      return false
    }
    // Any holder can serve a payload (every member fetches every one): connected peers named
    // first, then the rest of the connected peers, then the named ones we are not connected to
    // (a member's recorded peer id goes stale when its tab reloads).
    const connected = new Set(ctx.transport.peers().map((p) => p.id as string))
    const named = peers.filter((p): p is PeerIdString => p !== undefined)
    const order = [
      ...named.filter((p) => connected.has(p)),
      ...[...connected].filter((p) => !named.includes(p as PeerIdString)),
      ...named.filter((p) => !connected.has(p)),
    ] as PeerIdString[]
    for (const peer of new Set(order)) {
      if (peer === ctx.transport.self) continue
      const got = await ctx.transport.request(peer, PAYLOAD_PROTOCOL, encodeUtf8(m.payloadHash), {
        maxBytes: expected,
        timeoutMs: 15_000,
      })
      if (!got.ok) continue
      if (got.value.length !== m.payloadBytes || sha256Hex(got.value) !== m.payloadHash) {
        this.#reject('payload: bytes do not match the signed hash')
        continue
      }
      this.#payloads.set(m.payloadHash, { bytes: got.value, height: m.height })
      return true
    }
    return false
  }

  async proposeBlock(s: DilocoState, ctx: AppContext): Promise<Uint8Array> {
    // Wait for every member's update and payload, until `collectMs` from the height's start; or,
    // once a quorum of them is here, a grace period for the rest. Rounds end at the same time
    // (they are bound by the round budget), so an update still missing then is a member that
    // paused, left or is far slower, and every other member would otherwise idle waiting for it.
    // Which valid updates a block carries is the proposer's choice: no rule of the chain changes.
    const full = this.#startedAt + this.#p.collectMs
    const budget = this.#p.roundBudgetMs
    const grace =
      budget === undefined ? undefined : Math.max(MIN_STRAGGLER_GRACE_MS, budget * STRAGGLER_GRACE)
    const needed = quorum(s.members.length)
    let quorumAt: number | undefined
    const arrived = () =>
      s.members.filter((m) => {
        const h = this.#headers.get(m.node)
        return h !== undefined && this.#payloads.has(h.message.payloadHash)
      }).length
    const ready = () => {
      const n = arrived()
      if (n >= needed) quorumAt ??= ctx.clock.now()
      return n === s.members.length
    }
    const deadline = () =>
      quorumAt === undefined || grace === undefined ? full : Math.min(full, quorumAt + grace)
    while (!ready() && ctx.clock.now() < deadline() && !ctx.signal.aborted) {
      await new Promise<void>((resolve) => {
        const t = ctx.clock.setTimeout(resolve, Math.max(1, deadline() - ctx.clock.now()))
        this.#wake = () => {
          ctx.clock.clearTimeout(t)
          resolve()
        }
      })
    }
    this.#wake = undefined
    const base = this.#hash(s)
    const updates = [...this.#headers.values()]
      .filter((h) => this.#payloads.has(h.message.payloadHash))
      .sort((a, b) => byNode(a.message, b.message))
      .slice(0, this.#p.maxUpdates)
    const joins = [...this.#joins]
      .filter(([node]) => !s.members.some((m) => m.node === node))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .slice(0, this.#p.maxJoins)
    const h = (s.height + 1) as Height
    const keys = keysOf(s)
    // Each pending item is checked on its own; one that no longer qualifies (stale evidence, a
    // transfer from a sender whose key we no longer hold) is dropped for good, so it can never
    // keep the others out of blocks.
    const evidence: Uint8Array[] = []
    for (const [key, bytes] of this.#evidence) {
      const pair = decodeEvidence(bytes)
      const e = pair.ok ? verifyEvidence(pair.value[0], pair.value[1], s.job, keys) : undefined
      if (
        e?.ok !== true ||
        e.value.height + 2 < h ||
        !s.members.some((m) => m.node === e.value.node)
      ) {
        this.#evidence.delete(key)
      } else if (evidence.length < this.#p.maxEvidence) evidence.push(bytes)
    }
    const transfers: Uint8Array[] = []
    for (const [key, bytes] of this.#transfers) {
      if (!openTransfer(bytes, { job: s.job, keys: (n) => keys.get(n) }).ok)
        this.#transfers.delete(key)
      else if (transfers.length < this.#p.maxTransfers) transfers.push(bytes)
    }
    // Leaves of current members only (one that already left, or rejoined since, is dropped).
    const leaves: Uint8Array[] = []
    for (const [node, bytes] of [...this.#leaves].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (openLeave(bytes, s).ok) leaves.push(bytes)
      else this.#leaves.delete(node)
    }
    const draft: Block = {
      height: h,
      prev: s.blockHash,
      proposer: this.#init.identity.nodeId,
      base,
      updates: updates.map((u) => u.envelope),
      joins: joins.filter(([node]) => !s.banned.has(node)).map(([, b]) => b),
      leaves,
      evidence,
      transfers,
      lastCommit:
        ctx.lastCertificate === undefined
          ? new Uint8Array(0)
          : encodeCertificate(ctx.lastCertificate),
      next: '0'.repeat(64) as HashHex,
    }
    const checked = checkBlock(draft, s, base, this.#p)
    // Should an item still fail (a bug), propose the updates alone rather than nothing.
    const safe = checked.ok
      ? draft
      : { ...draft, evidence: [], transfers: [], joins: [], leaves: [] }
    const result = await this.#compute(s, safe, s.blockHash, ctx)
    if (!result.ok) throw new Error(`cannot build a block: ${result.reason}`)
    const next = this.#hash(result.value.state)
    await yieldTo(ctx.clock)
    const block = encodeBlock({ ...safe, next })
    this.#next.set(blockHash(block), result.value)
    this.#trainAhead(result.value.state, ctx.clock.now(), ctx)
    return block
  }

  async validateBlock(s: DilocoState, bytes: Uint8Array, ctx: AppContext): Promise<Result<void>> {
    const seenAt = ctx.clock.now()
    const b = decodeBlock(bytes)
    if (!b.ok) return b
    const hash = blockHash(bytes)
    const result = await this.#compute(s, b.value, hash, ctx)
    if (!result.ok) return result
    const next = this.#hash(result.value.state)
    // The vote that follows is signed in a task of its own.
    await yieldTo(ctx.clock)
    if (next !== b.value.next) return { ok: false, reason: 'next state hash differs from ours' }
    this.#next.set(hash, result.value)
    this.#trainAhead(result.value.state, seenAt, ctx)
    return { ok: true, value: undefined }
  }

  /**
   * Checks `b` against `s` and computes the transition (fetching payloads it lacks). `hash` is
   * the block's hash; a proposer's draft has none yet, and `applyBlock` sets the final one (the
   * state hash leaves it out, so the draft's `next` is unaffected).
   */
  async #compute(
    s: DilocoState,
    b: Block,
    hash: HashHex,
    ctx: AppContext,
  ): Promise<Result<TransitionResult>> {
    const checked = checkBlock(b, s, this.#hash(s), this.#p)
    if (!checked.ok) return checked
    await yieldTo(ctx.clock)
    const proposerPeer = s.members.find((m) => m.node === b.proposer)?.peer
    const updates: IncludedUpdate[] = []
    for (const m of checked.value.updates) {
      const author = s.members.find((x) => x.node === m.node)?.peer
      if (!(await this.#fetch(m, [author, proposerPeer], ctx)))
        return { ok: false, reason: `payload of ${m.node.slice(0, 8)} unavailable` }
      const bytes = this.#payloads.get(m.payloadHash)?.bytes as Uint8Array
      const v = decodeVector(bytes, { dimension: this.#p.dimension })
      if (!v.ok)
        return { ok: false, reason: `payload of ${m.node.slice(0, 8)}: ${v.reason.detail}` }
      updates.push({ node: m.node, samples: m.samples, vector: v.value.vector })
      await yieldTo(ctx.clock)
    }
    try {
      return transition(s, this.#p, {
        blockHash: hash,
        proposer: b.proposer,
        updates,
        joins: checked.value.joins,
        leaves: checked.value.leaves,
        slashed: checked.value.slashed,
        transfers: checked.value.transfers,
        voters: checked.value.voters,
      })
    } catch (err) {
      return { ok: false, reason: `transition: ${(err as Error).message}` }
    }
  }

  async applyBlock(
    s: DilocoState,
    bytes: Uint8Array,
    _cert: Certificate,
    ctx: AppContext,
  ): Promise<DilocoState> {
    // Hash the block as the proposer built it, with `next` filled in (the cache key).
    const hash = blockHash(bytes)
    const b = decodeBlock(bytes)
    if (!b.ok) throw new Error(b.reason)
    let result = this.#next.get(hash)
    if (result === undefined) {
      const computed = await this.#compute(s, b.value, hash, ctx)
      if (!computed.ok) throw new Error(computed.reason)
      result = computed.value
    }
    const next = { ...result.state, blockHash: hash }
    // The state hash leaves the block hash out: `next` hashes like the computed state, which
    // validation already hashed (1 MB+ of weights), so carry it over instead of hashing again.
    this.#hashes.set(next, this.#hash(result.state))
    for (const j of b.value.joins) {
      const opened = openJoin(j, s.job)
      if (opened.ok) this.#joins.delete(opened.value.message.node)
    }
    for (const t of b.value.transfers) this.#transfers.delete(sha256Hex(t))
    for (const e of b.value.evidence) this.#evidence.delete(sha256Hex(e))
    for (const [node] of this.#joins)
      if (next.members.some((m) => m.node === node)) this.#joins.delete(node)
    for (const [node] of this.#leaves)
      if (!next.members.some((m) => m.node === node)) this.#leaves.delete(node)
    try {
      this.#init.onApplied?.(next, result)
    } catch {
      // An observer's failure must not stop the chain.
    }
    return next
  }

  onEvidence(s: DilocoState, first: Uint8Array, second: Uint8Array): void {
    const bytes = encodeEvidence(first, second)
    if (keysOf(s).size > 0 && this.#evidence.size < this.#p.maxEvidence * 4)
      this.#evidence.set(sha256Hex(bytes), bytes)
  }

  encodeState(s: DilocoState): Uint8Array {
    return encodeState(s)
  }

  decodeState(bytes: Uint8Array): Result<DilocoState> {
    return decodeState(bytes)
  }
}
