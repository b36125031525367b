/**
 * `SwarmNode`: runs the certified round log. For each height it starts the application's work,
 * runs one Tendermint instance over the transport, turns the decision into a certificate, applies
 * the block and moves on. It also serves certified blocks to peers that are behind and catches up
 * itself when it sees the swarm ahead (`sync.ts`).
 *
 * @remarks
 * Everything from the wire is hostile: frames and envelopes are decoded and their signatures
 * checked against the current members' keys before consensus sees them (`inbound.ts`); failures
 * are counted by reason in `rejections` and emitted, never thrown. Own votes are looped back
 * locally. Votes and proposals are re-sent every `resendMs` until the height is decided, because
 * Tendermint assumes gossip that eventually delivers and real links drop messages.
 */
import type { Identity } from '../crypto/index.ts'
import type { Certificate } from '../consensus/certificate.ts'
import type { Timeouts } from '../consensus/tendermint.ts'
import type { Storage } from '../storage/index.ts'
import type { Transport, Unsubscribe } from '../transport/index.ts'
import { topicFor } from '../types/index.ts'
import type { Height, JobId, PeerIdString, Topic } from '../types/index.ts'
import type { AppContext, Application, ChainView } from './application.ts'
import { Cancel } from './cancel.ts'
import { CertifiedLog, type CertifiedBlock } from './certified.ts'
import { yieldTo, type Clock } from './clock.ts'
import type { NodeEvent } from './events.ts'
import { FutureFrames } from './future-frames.ts'
import { HeightDriver } from './height-driver.ts'
import { HeightRun } from './height-run.ts'
import { readFrame, type OpenCache } from './inbound.ts'
import { ConsensusSigner, type Misbehaviour } from './outbound.ts'
import { persistCommit, persistLog } from './persist.ts'
import { BlockSync, SYNC_PROTOCOL, serveSync } from './sync.ts'

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
  readonly openCache?: OpenCache
  readonly misbehave?: Misbehaviour
  /** Certified blocks up to `state` (from a verified checkpoint), to serve to others. */
  readonly log?: readonly CertifiedBlock[]
  /** Where each certified block and the resulting state are saved (see `persist.ts`). */
  readonly storage?: Storage
}

const DEFAULT_RESEND_MS = 2_000
/** The request protocol that serves checkpoints. */
export const CHECKPOINT_PROTOCOL = 'checkpoint'

/** A member (or observer) of the swarm running the certified round log. */
export class SwarmNode<S> {
  readonly job: JobId
  readonly #init: SwarmNodeInit<S>
  readonly #topic: Topic
  readonly #appTopic: Topic
  #state: S
  #view: ChainView
  /** The height in progress. */
  #height: HeightDriver<S> | undefined
  readonly #log: CertifiedLog
  readonly #future = new FutureFrames()
  readonly #sync: BlockSync
  readonly #signer: ConsensusSigner
  readonly #listeners = new Set<(e: NodeEvent) => void>()
  readonly #unsubs: Unsubscribe[] = []
  #stopped = true
  /** Aborted when the node stops: the signal of work that outlives a height (applying it). */
  #life = new Cancel()
  /** The node follows the chain but sends nothing (it left the swarm, see `participate`). */
  #quiet = false
  /** Rejected inputs by reason. */
  readonly rejections = new Map<string, number>()

  constructor(init: SwarmNodeInit<S>) {
    this.#init = init
    this.job = init.job
    this.#topic = topicFor(init.job, 'consensus')
    this.#appTopic = topicFor(init.job, 'app')
    this.#state = init.state
    this.#view = init.app.view(init.state)
    this.#log = new CertifiedLog(init.log)
    this.#signer = new ConsensusSigner(init.job, init.identity, init.misbehave)
    this.#sync = new BlockSync({
      job: init.job,
      transport: init.transport,
      view: () => this.#view,
      stopped: () => this.#stopped,
      run: () => this.#height?.run,
      commit: (run, block, certificate) => this.#commit(run, block, certificate),
      reject: (reason, from) => this.#reject(reason, from),
      emit: (e) => this.#emit(e),
    })
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
    return this.#log.checkpoint(this.#state, this.#view.height, (s) =>
      this.#init.app.encodeState(s),
    )
  }

  /** The current round's consensus state, for the UI. */
  get consensus() {
    return this.#height?.run.tendermint.state
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
    this.#life = new Cancel()
    const t = this.#init.transport
    this.#unsubs.push(t.subscribe(this.#topic), t.subscribe(this.#appTopic))
    this.#unsubs.push(
      t.on('message', (m) => {
        if (m.topic === this.#topic) this.#onConsensusBytes(m.data, m.from)
        else if (m.topic === this.#appTopic) this.#onAppBytes(m.data, m.from)
      }),
    )
    this.#unsubs.push(t.handle(SYNC_PROTOCOL, (req) => Promise.resolve(serveSync(this.#log, req))))
    this.#unsubs.push(t.handle(CHECKPOINT_PROTOCOL, () => Promise.resolve(this.checkpoint())))
    const storage = this.#init.storage
    if (storage !== undefined && this.#log.size > 0) {
      void persistLog(storage, this.job, this.#log.values()).catch((err: unknown) =>
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
    this.#life.abort('the node stopped')
    this.#height?.run.dispose()
    this.#height = undefined
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
    const height = this.#height
    if (height === undefined || this.#stopped) return
    try {
      this.#init.app.onMessage(this.#state, bytes, from, this.#context(height.run))
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
    const driver: HeightDriver<S> = new HeightDriver<S>(run, {
      app: this.#init.app,
      state: () => this.#state,
      clock: this.#init.clock,
      signer: this.#signer,
      resendMs: this.#init.resendMs ?? DEFAULT_RESEND_MS,
      current: () => this.#height === driver,
      stopped: () => this.#stopped,
      context: () => this.#context(run),
      broadcast: (frame) => this.#broadcast(frame),
      emit: (e) => this.#emit(e),
      reject: (reason, from) => this.#reject(reason, from),
      commit: (r, block, certificate) => this.#commit(r, block, certificate),
    })
    this.#height = driver
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
    driver.start()
    for (const b of this.#future.take(height)) this.#onConsensusBytes(b.bytes, b.from)
  }

  #broadcast(frame: Uint8Array): void {
    if (this.#init.misbehave?.silent === true || this.#quiet) return
    void this.#init.transport.publish(this.#topic, frame).catch(() => undefined)
  }

  #onConsensusBytes(bytes: Uint8Array, from: PeerIdString): void {
    const height = this.#height
    if (height === undefined || this.#stopped) return
    const { run } = height
    const read = readFrame(bytes, this.job, run, this.#init.openCache)
    switch (read.kind) {
      case 'reject':
        return this.#reject(read.reason, from)
      case 'ignore':
        return
      case 'future':
        if (this.#future.add(read.height, { bytes, from }, this.#view.height))
          void this.#sync.from(from)
        return
      case 'vote': {
        if (!run.seen(read.messageHash)) return
        const { type, round, block: value, node: voter } = read.message
        return height.onVote({ type, round, value, voter, ref: read.envelope })
      }
      case 'proposal':
        return height.onProposal(read.message, read.block, from)
    }
  }

  async #commit(run: HeightRun, block: Uint8Array, certificate: Certificate): Promise<void> {
    run.dispose()
    try {
      // The height's own signal is aborted by now (its timers and work are done); fetching
      // what the certified block names is aborted only if the node stops.
      const ctx = { ...this.#context(run), signal: this.#life.signal }
      const next = await this.#init.app.applyBlock(this.#state, block, certificate, ctx)
      if (this.#stopped) return
      this.#state = next
      this.#view = this.#init.app.view(next)
      this.#log.add({ block, certificate })
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
}
