/**
 * `SwarmNode`: runs the certified round log. For each height it starts the application's work,
 * runs one Tendermint instance over the transport, turns the decision into a certificate, applies
 * the block and moves on. It also serves certified blocks to peers that are behind and catches up
 * itself when it sees the swarm ahead.
 *
 * @remarks
 * Everything from the wire is hostile: frames and envelopes are decoded and their signatures
 * checked against the current members' keys before consensus sees them; failures are counted by
 * reason in `rejections` and emitted, never thrown. Own votes are looped back locally. Votes and
 * proposals are re-sent every `resendMs` until the height is decided, because Tendermint assumes
 * gossip that eventually delivers and real links drop messages.
 */
import { equalBytes, sha256Hex } from '../crypto/index.ts'
import type { Identity } from '../crypto/index.ts'
import {
  decodeCertificate,
  encodeCertificate,
  verifyCertificate,
  type Certificate,
} from '../consensus/certificate.ts'
import { consensusCodec } from '../consensus/codec.ts'
import type { ConsensusMessage } from '../consensus/messages.ts'
import { CONSENSUS_VERSION } from '../consensus/constants.ts'
import type { Effect, Timeouts } from '../consensus/tendermint.ts'
import { decodeEnvelope, openMessage, sealMessage, type OpenedMessage } from '../protocol/index.ts'
import type { Transport, Unsubscribe } from '../transport/index.ts'
import { topicFor } from '../types/index.ts'
import type { HashHex, Height, JobId, NodeId, PeerIdString, Topic } from '../types/index.ts'
import type { AppContext, Application, ChainView } from './application.ts'
import { yieldTo, type Clock } from './clock.ts'
import type { NodeEvent } from './events.ts'
import { encodeCheckpoint, type CheckpointEntry } from './checkpoint.ts'
import { HeightRun } from './height-run.ts'
import { persistCommit, persistLog } from './persist.ts'
import type { Storage } from '../storage/index.ts'
import {
  decodeFrame,
  decodeHeight,
  decodeSyncEntry,
  encodeFrame,
  encodeHeight,
  encodeSyncEntry,
} from './wire.ts'

/** Test-only misbehaviour, for the simulator's Byzantine nodes. */
export interface Misbehaviour {
  /** Sends nothing at all (a crashed or silent member). */
  readonly silent?: boolean
  /** Sends a second, different prevote and precommit in every round. */
  readonly equivocate?: boolean
  /** Votes for a block nobody proposed, every time. */
  readonly wrongVotes?: boolean
}

/** Setup of a node. */
export interface SwarmNodeInit<S> {
  readonly job: JobId
  readonly identity: Identity
  readonly transport: Transport
  readonly clock: Clock
  readonly app: Application<S>
  /** The state to start from: genesis, or a verified checkpoint. */
  readonly state: S
  readonly timeouts?: Timeouts
  /** How often undecided proposals and votes are sent again. */
  readonly resendMs?: number
  /** Shared cache of opened envelopes (the simulator shares one across nodes). */
  readonly openCache?: Map<string, OpenedMessage<ConsensusMessage>>
  readonly misbehave?: Misbehaviour
  /** Certified blocks up to `state` (from a verified checkpoint), to serve to others. */
  readonly log?: readonly CertifiedBlock[]
  /** Where each certified block and the resulting state are saved (see `persist.ts`). */
  readonly storage?: Storage
}

/** A block with its certificate, as kept in the log. */
export interface CertifiedBlock {
  readonly block: Uint8Array
  readonly certificate: Certificate
}

const DEFAULT_RESEND_MS = 2_000
/** The request protocol that serves one certified block by height (`encodeHeight`). */
export const SYNC_PROTOCOL = 'sync'
/** The request protocol that serves checkpoints. */
export const CHECKPOINT_PROTOCOL = 'checkpoint'
const MAX_BUFFERED_PER_HEIGHT = 4_096

/** A member (or observer) of the swarm running the certified round log. */
export class SwarmNode<S> {
  readonly job: JobId
  readonly #init: SwarmNodeInit<S>
  readonly #topic: Topic
  readonly #appTopic: Topic
  #state: S
  #view: ChainView
  #run: HeightRun | undefined
  readonly #log = new Map<number, CertifiedBlock>()
  readonly #buffer = new Map<number, Array<{ bytes: Uint8Array; from: PeerIdString }>>()
  readonly #listeners = new Set<(e: NodeEvent) => void>()
  readonly #unsubs: Unsubscribe[] = []
  #syncing = false
  #stopped = true
  /** The node follows the chain but sends nothing (it left the swarm, see `participate`). */
  #quiet = false
  #checkpointCache: { readonly state: S; readonly bytes: Uint8Array } | undefined
  /** Rejected inputs by reason. */
  readonly rejections = new Map<string, number>()

  constructor(init: SwarmNodeInit<S>) {
    this.#init = init
    this.job = init.job
    this.#topic = topicFor(init.job, 'consensus')
    this.#appTopic = topicFor(init.job, 'app')
    this.#state = init.state
    this.#view = init.app.view(init.state)
    for (const entry of init.log ?? []) this.#log.set(entry.certificate.height, entry)
  }

  /** The latest certified state. */
  get state(): S {
    return this.#state
  }

  /** The view of the latest certified state. */
  get view(): ChainView {
    return this.#view
  }

  /** The certified block of a height this node holds. */
  certified(height: number): CertifiedBlock | undefined {
    return this.#log.get(height)
  }

  /**
   * A checkpoint of the latest state with every certified block since genesis, or `undefined`
   * if this node does not hold the whole log (it started from a checkpoint without one).
   */
  checkpoint(): Uint8Array | undefined {
    // The state changes only on commit: one encoding serves every asker at this height.
    const cached = this.#checkpointCache
    if (cached?.state === this.#state) return cached.bytes
    const entries: CheckpointEntry[] = []
    for (let h = 1; h <= this.#view.height; h++) {
      const e = this.#log.get(h)
      if (e === undefined) return undefined
      entries.push({ block: e.block, certificate: encodeCertificate(e.certificate) })
    }
    const bytes = encodeCheckpoint({ entries, state: this.#init.app.encodeState(this.#state) })
    this.#checkpointCache = { state: this.#state, bytes }
    return bytes
  }

  /** The current round's consensus state, for the UI. */
  get consensus() {
    return this.#run?.tendermint.state
  }

  /** Listens to node events. */
  on(listener: (e: NodeEvent) => void): Unsubscribe {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Joins the topics and starts the next height. */
  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    const t = this.#init.transport
    this.#unsubs.push(t.subscribe(this.#topic), t.subscribe(this.#appTopic))
    this.#unsubs.push(
      t.on('message', (m) => {
        if (m.topic === this.#topic) this.#onConsensusBytes(m.data, m.from)
        else if (m.topic === this.#appTopic) this.#onAppBytes(m.data, m.from)
      }),
    )
    this.#unsubs.push(t.handle(SYNC_PROTOCOL, (req) => Promise.resolve(this.#serveSync(req))))
    this.#unsubs.push(t.handle(CHECKPOINT_PROTOCOL, () => Promise.resolve(this.checkpoint())))
    const storage = this.#init.storage
    if (storage !== undefined && this.#log.size > 0) {
      void persistLog(storage, this.job, [...this.#log.values()]).catch((err: unknown) =>
        this.#reject(`storage: ${(err as Error).message}`, 'self'),
      )
    }
    this.#beginHeight()
  }

  /** Whether this node votes, proposes and publishes (true unless it left). */
  get participating(): boolean {
    return !this.#quiet
  }

  /**
   * Takes part in consensus (`true`) or only follows it (`false`): a node that left keeps
   * receiving and verifying certified blocks, sends nothing, and so stops earning; the members
   * evict it after `silentHeights` heights without its votes. Joining again is the app's join.
   */
  participate(on: boolean): void {
    this.#quiet = !on
  }

  /** Stops all work and timers. */
  stop(): void {
    this.#stopped = true
    this.#run?.dispose()
    this.#run = undefined
    for (const u of this.#unsubs.splice(0)) u()
  }

  /** The context the application gets for the current height. */
  #context(run: HeightRun): AppContext {
    const init = this.#init
    return {
      job: init.job,
      identity: init.identity,
      transport: init.transport,
      clock: init.clock,
      signal: run.abort.signal,
      lastCertificate: this.#log.get(this.#view.height)?.certificate,
      publish: (bytes) => {
        if (this.#init.misbehave?.silent === true || this.#quiet) return
        void init.transport.publish(this.#appTopic, bytes).catch(() => undefined)
      },
    }
  }

  #emit(e: NodeEvent): void {
    for (const l of this.#listeners) {
      try {
        l(e)
      } catch {
        // a listener's bug must not stop consensus
      }
    }
  }

  #reject(reason: string, from: string): void {
    const key = reason.split(':')[0] ?? reason
    this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1)
    this.#emit({ type: 'rejected', reason, from })
  }

  #onAppBytes(bytes: Uint8Array, from: PeerIdString): void {
    const run = this.#run
    if (run === undefined || this.#stopped) return
    try {
      this.#init.app.onMessage(this.#state, bytes, from, this.#context(run))
    } catch (err) {
      this.#reject(`app: onMessage threw: ${(err as Error).message}`, from)
    }
  }

  #beginHeight(): void {
    if (this.#stopped) return
    const view = this.#view
    const height = (view.height + 1) as Height
    const members = view.members
    const self = members.some((m) => m.node === this.#init.identity.nodeId)
      ? this.#init.identity.nodeId
      : null
    const run = new HeightRun({
      height,
      members,
      self,
      clock: this.#init.clock,
      ...(this.#init.timeouts === undefined ? {} : { timeouts: this.#init.timeouts }),
    })
    this.#run = run
    this.#emit({
      type: 'height-started',
      height,
      members: members.length,
      at: this.#init.clock.now(),
    })
    const ctx = this.#context(run)
    try {
      this.#init.app.beginHeight(this.#state, ctx)
    } catch (err) {
      this.#reject(`app: beginHeight failed: ${(err as Error).message}`, 'self')
    }
    this.#perform(run, run.tendermint.start())
    this.#scheduleResend(run)
    const buffered = this.#buffer.get(height) ?? []
    this.#buffer.delete(height)
    for (const b of buffered) this.#onConsensusBytes(b.bytes, b.from)
    for (const h of [...this.#buffer.keys()]) if (h < height) this.#buffer.delete(h)
  }

  #scheduleResend(run: HeightRun): void {
    const every = this.#init.resendMs ?? DEFAULT_RESEND_MS
    const tick = () => {
      if (this.#run !== run || run.decided || this.#stopped) return
      for (const frame of run.outbox()) this.#broadcast(frame)
      run.timer(this.#init.clock.setTimeout(tick, every))
    }
    run.timer(this.#init.clock.setTimeout(tick, every))
  }

  #broadcast(frame: Uint8Array): void {
    if (this.#init.misbehave?.silent === true || this.#quiet) return
    void this.#init.transport.publish(this.#topic, frame).catch(() => undefined)
  }

  #perform(run: HeightRun, effects: Effect<Uint8Array>[]): void {
    for (const e of effects) {
      if (this.#run !== run || this.#stopped) return
      switch (e.kind) {
        case 'timeout':
          run.timer(
            this.#init.clock.setTimeout(() => {
              if (this.#run === run) this.#perform(run, run.tendermint.onTimeout(e.step, e.round))
            }, e.delayMs),
          )
          break
        case 'vote':
          this.#castVote(run, e.vote.type, e.vote.round, e.vote.value)
          break
        case 'propose':
          this.#propose(run, e.round, e.validValue, e.validRound)
          break
        case 'decide':
          void this.#decide(
            run,
            e.round,
            e.value,
            e.precommits.map((p) => p.ref),
          )
          break
        case 'evidence':
          this.#emit({
            type: 'evidence',
            height: run.height,
            node: e.second.voter,
            kind: e.second.type,
          })
          this.#init.app.onEvidence?.(this.#state, e.first.ref, e.second.ref)
          break
      }
    }
    this.#emitVotes(run)
  }

  #emitVotes(run: HeightRun): void {
    const s = run.tendermint.state
    if (s.round < 0) return
    if (s.round !== run.lastRound || s.step !== run.lastStep) {
      run.lastRound = s.round
      run.lastStep = s.step
      this.#emit({
        type: 'round',
        height: run.height,
        round: s.round,
        phase: s.step,
        proposer: run.proposer(s.round),
      })
    }
    this.#emit({
      type: 'votes',
      height: run.height,
      round: s.round,
      prevotes: run.tendermint.votesIn('prevote', s.round),
      precommits: run.tendermint.votesIn('precommit', s.round),
      quorum: s.quorum,
    })
  }

  #seal(message: ConsensusMessage): Uint8Array {
    return sealMessage(consensusCodec, this.#init.identity, message)
  }

  #castVote(
    run: HeightRun,
    type: 'prevote' | 'precommit',
    round: number,
    block: HashHex | null,
  ): void {
    const base = {
      v: CONSENSUS_VERSION,
      job: this.job,
      height: run.height,
      node: this.#init.identity.nodeId,
      round,
    }
    const envelope = this.#seal({ ...base, type, block } as ConsensusMessage)
    const frame = encodeFrame({ kind: 'vote', envelope })
    run.remember(frame)
    this.#broadcast(frame)
    if (this.#init.misbehave?.equivocate === true) {
      const other = (block === null ? '0'.repeat(63) + '1' : null) as HashHex | null
      this.#broadcast(
        encodeFrame({
          kind: 'vote',
          envelope: this.#seal({ ...base, type, block: other } as ConsensusMessage),
        }),
      )
    }
    const self = this.#init.identity.nodeId
    this.#perform(
      run,
      run.tendermint.onVote({ type, round, value: block, voter: self, ref: envelope }),
    )
  }

  #propose(run: HeightRun, round: number, validValue: HashHex | null, validRound: number): void {
    const send = (hash: HashHex, block: Uint8Array) => {
      const envelope = this.#seal({
        type: 'proposal',
        v: CONSENSUS_VERSION,
        job: this.job,
        height: run.height,
        node: this.#init.identity.nodeId,
        round,
        validRound,
        block: hash,
      })
      const frame = encodeFrame({ kind: 'proposal', envelope, block })
      run.markProposalSeen()
      run.remember(frame)
      this.#broadcast(frame)
    }
    if (validValue !== null) {
      const block = run.blocks.get(validValue)
      if (block !== undefined) send(validValue, block)
      return
    }
    this.#init.app.proposeBlock(this.#state, this.#context(run)).then(
      (block) => {
        if (this.#run !== run || run.decided) return
        const hash = sha256Hex(block)
        run.blocks.set(hash, block)
        this.#perform(run, run.tendermint.proposeValue(round, hash))
        send(hash, block)
      },
      (err: unknown) => this.#reject(`app: proposeBlock failed: ${(err as Error).message}`, 'self'),
    )
  }

  #open(
    envelope: Uint8Array,
    members: ChainView['members'],
  ): ReturnType<typeof openMessage<ConsensusMessage>> {
    const cache = this.#init.openCache
    const key = cache === undefined ? '' : sha256Hex(envelope)
    const hit = cache?.get(key)
    if (hit !== undefined) {
      const member = members.find((m) => m.node === hit.message.node)
      if (member !== undefined && equalBytes(member.publicKey, hit.publicKey))
        return { ok: true, value: hit }
    }
    const opened = openMessage(envelope, {
      codec: consensusCodec,
      job: this.job,
      keys: (n: NodeId) => members.find((m) => m.node === n)?.publicKey,
    })
    if (opened.ok && cache !== undefined) {
      if (cache.size > 50_000) cache.clear()
      cache.set(key, opened.value)
    }
    return opened
  }

  #onConsensusBytes(bytes: Uint8Array, from: PeerIdString): void {
    const run = this.#run
    if (run === undefined || this.#stopped) return
    const frame = decodeFrame(bytes)
    if (!frame.ok) return this.#reject(`frame: ${frame.reason}`, from)
    // A cheap look at the height before the signature check: messages for later heights are
    // buffered (or trigger a sync), since their signers may not be members we know yet.
    const envelope = decodeEnvelope(frame.value.envelope)
    const peek = envelope.ok ? consensusCodec.decode(envelope.value.body) : undefined
    if (peek?.ok === true) {
      const h = peek.value.height
      if (h > run.height) return this.#future(h, bytes, from)
      if (h < run.height) return
    }
    const opened = this.#open(frame.value.envelope, run.members)
    if (!opened.ok)
      return this.#reject(`envelope: ${opened.reason.code} ${opened.reason.detail}`, from)
    const m = opened.value.message
    if (m.height !== run.height) return
    if (frame.value.kind === 'vote' && (m.type === 'prevote' || m.type === 'precommit')) {
      if (!run.seen(opened.value.messageHash)) return
      return this.#perform(
        run,
        run.tendermint.onVote({
          type: m.type,
          round: m.round,
          value: m.block,
          voter: m.node,
          ref: frame.value.envelope,
        }),
      )
    }
    if (frame.value.kind === 'proposal' && m.type === 'proposal') {
      return this.#onProposal(run, m, frame.value.block, from)
    }
    this.#reject('frame: kind does not match message type', from)
  }

  #onProposal(
    run: HeightRun,
    m: Extract<ConsensusMessage, { type: 'proposal' }>,
    block: Uint8Array,
    from: PeerIdString,
  ): void {
    if (m.node !== run.proposer(m.round))
      return this.#reject('proposal: not from the round proposer', from)
    if (sha256Hex(block) !== m.block)
      return this.#reject('proposal: block does not match its hash', from)
    if (!run.firstProposal(m.round)) return
    run.blocks.set(m.block, block)
    run.markProposalSeen()
    this.#init.app.validateBlock(this.#state, block, this.#context(run)).then(
      (verdict) => {
        if (this.#run !== run) return
        this.#emit({
          type: 'proposal',
          height: run.height,
          round: m.round,
          block: m.block,
          valid: verdict.ok,
          ...(verdict.ok ? {} : { reason: verdict.reason }),
          at: this.#init.clock.now(),
        })
        this.#perform(
          run,
          run.tendermint.onProposal({
            round: m.round,
            value: m.block,
            validRound: m.validRound,
            proposer: m.node,
            valid: verdict.ok,
          }),
        )
      },
      (err: unknown) => this.#reject(`app: validateBlock failed: ${(err as Error).message}`, from),
    )
  }

  async #decide(
    run: HeightRun,
    round: number,
    value: HashHex,
    precommits: Uint8Array[],
  ): Promise<void> {
    if (run.decided) return
    run.decided = true
    const block = run.blocks.get(value)
    if (block === undefined) return this.#reject('decide: block missing', 'self')
    const certificate: Certificate = { height: run.height, round, block: value, precommits }
    await this.#commit(run, block, certificate)
  }

  async #commit(run: HeightRun, block: Uint8Array, certificate: Certificate): Promise<void> {
    run.dispose()
    try {
      const next = await this.#init.app.applyBlock(
        this.#state,
        block,
        certificate,
        this.#context(run),
      )
      if (this.#stopped) return
      this.#state = next
      this.#view = this.#init.app.view(next)
      this.#log.set(certificate.height, { block, certificate })
      // Encoding the state for storage (megabytes) is a task of its own.
      await yieldTo(this.#init.clock)
      if (this.#stopped) return
      if (this.#init.storage !== undefined) {
        await persistCommit(
          this.#init.storage,
          this.job,
          { block, certificate },
          this.#init.app.encodeState(next),
        ).catch((err: unknown) => this.#reject(`storage: ${(err as Error).message}`, 'self'))
      }
      const now = this.#init.clock.now()
      this.#emit({
        type: 'committed',
        height: certificate.height,
        round: certificate.round,
        block: certificate.block,
        stateHash: this.#view.stateHash,
        voters: certificate.precommits.length,
        at: now,
        latencyMs: run.firstProposalAt === undefined ? undefined : now - run.firstProposalAt,
      })
    } catch (err) {
      this.#reject(`app: applyBlock failed: ${(err as Error).message}`, 'self')
      return
    }
    this.#beginHeight()
  }

  #future(height: number, bytes: Uint8Array, from: PeerIdString): void {
    const list = this.#buffer.get(height) ?? []
    if (height > this.#view.height + 3 || list.length >= MAX_BUFFERED_PER_HEIGHT) {
      void this.#sync(from)
      return
    }
    list.push({ bytes, from })
    this.#buffer.set(height, list)
    if (height > this.#view.height + 1) void this.#sync(from)
  }

  #serveSync(request: Uint8Array): Uint8Array | undefined {
    const h = decodeHeight(request)
    if (!h.ok) return undefined
    const entry = this.#log.get(h.value)
    if (entry === undefined) return undefined
    return encodeSyncEntry({
      block: entry.block,
      certificate: encodeCertificate(entry.certificate),
    })
  }

  /** Fetches and applies certified blocks from `peer` until it has no more. */
  async #sync(peer: PeerIdString): Promise<void> {
    if (this.#syncing || this.#stopped) return
    this.#syncing = true
    try {
      for (;;) {
        const want = this.#view.height + 1
        const answer = await this.#init.transport.request(peer, SYNC_PROTOCOL, encodeHeight(want), {
          maxBytes: 16 * 1024 * 1024,
          timeoutMs: 10_000,
        })
        if (!answer.ok || this.#stopped || this.#view.height + 1 !== want) return
        const entry = decodeSyncEntry(answer.value)
        if (!entry.ok) return this.#reject(`sync: ${entry.reason}`, peer)
        const cert = decodeCertificate(entry.value.certificate)
        if (!cert.ok) return this.#reject(`sync: ${cert.reason}`, peer)
        const c = cert.value
        if (c.height !== want || sha256Hex(entry.value.block) !== c.block)
          return this.#reject('sync: block and certificate disagree', peer)
        const keys = new Map(this.#view.members.map((m) => [m.node, m.publicKey] as const))
        const verified = verifyCertificate(c, this.job, keys)
        if (!verified.ok) return this.#reject(`sync: ${verified.reason}`, peer)
        const run = this.#run
        if (run === undefined) return
        run.decided = true
        await this.#commit(run, entry.value.block, c)
        this.#emit({ type: 'synced', height: c.height, from: peer })
      }
    } finally {
      this.#syncing = false
    }
  }
}
