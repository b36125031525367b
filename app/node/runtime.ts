/**
 * The tab's node: the trainer worker, the identity and storage in IndexedDB, and a `SwarmNode`
 * running the DiLoCo chain over the tab's libp2p `Transport`. It finds the job's founder through
 * the relay's genesis registrar, starts from its own saved state, or from a checkpoint fetched
 * from a peer and verified, asks to join, and then trains and votes every height.
 *
 * The UI reads `snapshot` (one object per change) and never touches the network or the worker.
 * `slot` is the tab's identity slot (see `identity.ts`), claimed before the swarm client starts
 * so that the client can use the slot's libp2p key.
 */
import type { BackendChoice, RoundsReading, TrainingReading } from '../../shared/autonomy/index.ts'
import {
  DilocoApp,
  chainParams,
  genesisState,
  localTrainer,
  openJoin,
  sealJoin,
  sealLeave,
  verifyCheckpoint,
  type ChainParams,
  type DilocoState,
} from '../../shared/chain/index.ts'
import { decodeCertificate } from '../../shared/consensus/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import {
  jobId as jobIdOf,
  validateJob,
  type CompressionSpec,
  type JobId,
  type JobManifest,
} from '../../shared/job/index.ts'
import {
  balanceOf,
  formatRuv,
  nonceOf,
  sealTransfer,
  transferMessage,
} from '../../shared/ledger/index.ts'
import {
  HeightRecorder,
  timedApplication,
  type HeightTraffic,
  type NodeMetricsReport,
} from '../../shared/metrics/index.ts'
import { initialWeights } from '../../shared/model/index.ts'
import {
  CHECKPOINT_PROTOCOL,
  SwarmNode,
  decodeCheckpoint,
  restore,
  type CertifiedBlock,
  type Member,
  type Misbehaviour,
  type NodeEvent,
} from '../../shared/node/index.ts'
import type { Storage } from '../../shared/storage/index.ts'
import type { BackendName, InitReport } from '../../shared/trainer/index.ts'
import {
  topicFor,
  type Height,
  type NodeId,
  type PeerIdString,
  type Result,
  type TokenAmount,
} from '../../shared/types/index.ts'
import { connectTrainer, startTrainerWorker, type TrainerClient } from '../lab/trainer-client.ts'
import { RoundTracker } from '../autonomy/rounds.ts'
import type { SwarmClient } from '../net/swarm-client.ts'
import { loadBrowserIdentity } from './identity.ts'
import { IdbStorage } from './idb-storage.ts'
import { realClock } from './real-clock.ts'
import { LedgerLog, type ChainView } from './chain-view.ts'
import { RuntimeReports, type RuntimeReport } from './reports.ts'
import { EMPTY_SNAPSHOT, type RuntimeSnapshot, type TestAttack } from './snapshot.ts'

/** How the tab should behave, from the URL. */
export interface RuntimeOptions {
  readonly jobName: string
  readonly backend?: BackendName
  /** Test-only misbehaviour, refused unless the job allows test attacks. */
  readonly attack?: TestAttack
  /** Test examples evaluated after each height (the whole test set is slow on a phone). */
  readonly evalSamples?: number
}

const JOIN_RETRY_MS = 4_000
const CHECKPOINT_RETRY_MS = 1_500
/** How long a resync looks for a verified checkpoint before it gives up and keeps the state. */
const RESYNC_TIMEOUT_MS = 45_000

/** What the autonomy loop needs from a started node (see the "Autonomy" section). */
export interface AutonomyContext {
  readonly identity: Identity
  /** The node's IndexedDB store (the audit log lives next to its chain state). */
  readonly storage: Storage
  readonly jobId: JobId
  /** The job's H: the loop never sets more. */
  readonly jobInnerSteps: number
  /** The job's update codec, fixed for every member. */
  readonly compression: CompressionSpec
  /** The backend the URL forced, or `auto`. */
  readonly backend: BackendChoice
}

/** What `#launch` needs to (re)start the swarm node. */
interface LaunchSetup {
  readonly origin: string
  readonly id: JobId
  readonly identity: Identity
  readonly trainer: TrainerClient
  readonly app: DilocoApp
  readonly storage: Storage
  readonly genesis: DilocoState
  readonly params: ChainParams
  readonly options: RuntimeOptions
}

/** The node behind the dashboard. */
export class NodeRuntime {
  #snapshot: RuntimeSnapshot = EMPTY_SNAPSHOT
  readonly #listeners = new Set<(s: RuntimeSnapshot) => void>()
  readonly #eventListeners = new Set<(e: NodeEvent) => void>()
  readonly #client: SwarmClient
  #node: SwarmNode<DilocoState> | undefined
  #trainer: TrainerClient | undefined
  #app: DilocoApp | undefined
  #identity: Identity | undefined
  #jobSteps: number | undefined
  #stopped = false
  #evaluating = false
  #joining = false
  readonly #ledgerLog = new LedgerLog()

  readonly #recorder: HeightRecorder
  /** The trainer's, the ledger's and the members' reports (see `reports.ts`). */
  readonly #reports = new RuntimeReports()

  constructor(client: SwarmClient) {
    this.#client = client
    this.#autonomyReady = new Promise((resolve) => (this.#resolveAutonomy = resolve))
    this.onEvent((e) => this.#trackSwarmHeight(e))
    this.subscribe((s) => {
      if (s.paused || !s.participating) this.#rounds.disturb()
    })
    this.#recorder = new HeightRecorder({
      now: () => performance.now(),
      traffic: () => client.traffic.totals(),
      block: (h) => this.#node?.certified(h)?.block,
      self: () => this.#identity?.nodeId,
    })
    this.onEvent((e) => this.#recorder.onEvent(e))
    this.subscribe((s) => this.#recorder.onStatus(s.status))
  }

  /** This node's per-height figures so far (times in ms since navigation). */
  metrics(): NodeMetricsReport {
    return this.#recorder.report()
  }

  /** Calls `listener` with the bytes this node moved for each height it commits. */
  onTraffic(listener: (t: HeightTraffic) => void): () => void {
    return this.#recorder.onTraffic(listener)
  }

  /** The latest snapshot. */
  get snapshot(): RuntimeSnapshot {
    return this.#snapshot
  }

  /** The certified state as plain data (members, bans, balances, recent ledger events). */
  chainView(): ChainView | undefined {
    const s = this.#node?.state
    return s === undefined ? undefined : this.#ledgerLog.view(s)
  }

  /** Calls `listener` on every snapshot change. */
  subscribe(listener: (s: RuntimeSnapshot) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Calls `listener` with every event of the swarm node. */
  onEvent(listener: (e: NodeEvent) => void): () => void {
    this.#eventListeners.add(listener)
    return () => this.#eventListeners.delete(listener)
  }

  /** Calls `listener` with every trainer, ledger and members report (see `reports.ts`). */
  onReport(listener: (r: RuntimeReport) => void): () => void {
    return this.#reports.on(listener)
  }

  #set(patch: Partial<RuntimeSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch }
    for (const l of this.#listeners) l(this.#snapshot)
  }

  #fail(error: string): void {
    this.#set({ status: 'error', error })
  }

  /** Loads the job, the identity and the trainer, then joins the swarm. */
  async start(origin: string, options: RuntimeOptions, slot: number): Promise<void> {
    try {
      await this.#start(origin, options, slot)
    } catch (err) {
      this.#fail(`${(err as Error).name}: ${(err as Error).message}`)
    }
  }

  async #start(origin: string, options: RuntimeOptions, slot: number): Promise<void> {
    const res = await fetch(new URL(`/jobs/${options.jobName}.json`, origin))
    if (!res.ok) return this.#fail(`job ${options.jobName}: HTTP ${res.status}`)
    const parsed = validateJob(await res.json())
    if (!parsed.ok)
      return this.#fail(
        `job ${options.jobName}: ${parsed.reason.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      )
    const job = parsed.value
    if (options.attack !== undefined && !job.allowTestAttacks) {
      return this.#fail(
        `attack=${options.attack} refused: job ${job.name} does not allow test attacks`,
      )
    }
    const id = jobIdOf(job)
    this.#jobSteps = job.training.innerSteps
    const storage = await IdbStorage.open(`swarm-node/${id}/${slot}`)
    const { identity } = await loadBrowserIdentity(storage, slot)
    this.#identity = identity
    this.#job = job
    this.#resolveAutonomy({
      identity,
      storage,
      jobId: id,
      jobInnerSteps: job.training.innerSteps,
      compression: job.compression,
      backend: options.backend ?? 'auto',
    })
    this.#set({
      status: 'loading',
      jobId: id,
      jobName: job.name,
      nodeId: identity.nodeId,
      attack: options.attack,
    })

    const trainer = connectTrainer(startTrainerWorker())
    this.#trainer = trainer
    this.#origin = origin
    const report: InitReport = await trainer.init(job, {
      baseUrl: origin,
      ...(options.backend === undefined ? {} : { backend: options.backend }),
      onProgress: (p) =>
        this.#set({
          loading: `${p.phase} ${p.item} ${p.done}${p.total === undefined ? '' : `/${p.total}`}`,
        }),
    })
    // Controls set before the worker existed (the saved settings) apply now.
    if (this.#snapshot.dutyCycle !== 1) await trainer.setDutyCycle(this.#snapshot.dutyCycle)
    if (this.#snapshot.paused) await trainer.pause()
    this.#set({
      backend: report.backend.chosen,
      backendReason: report.backend.reason,
      loading: undefined,
    })

    const transport = this.#client.transport
    if (transport === undefined) return this.#fail('not connected to the swarm')
    const theta0 = initialWeights(job.model, job.seed)
    const params = chainParams(job, id, theta0.length)
    if (!params.ok) return this.#fail(params.reason)

    this.#set({ status: 'genesis' })
    const founder = await this.#founder(origin, id, identity, transport.self)
    if (!founder.ok) return this.#fail(founder.reason)
    const genesis = genesisState(id, theta0, [founder.value])

    const app = await this.#appFor(params.value, identity, trainer, options.attack)
    this.#app = app
    const saved = await restore(storage, id, app)
    let state: DilocoState = genesis
    let log: CertifiedBlock[] = []
    if (saved.ok && saved.value !== undefined && saved.value.state.members.length > 0) {
      state = saved.value.state
      log = saved.value.log
    } else if (founder.value.node !== identity.nodeId) {
      this.#set({ status: 'syncing' })
      const fetched = await this.#checkpoint(origin, genesis, params.value)
      if (fetched === undefined) return
      state = fetched.state
      log = fetched.log
    }
    const setup = { origin, id, identity, trainer, app, storage, genesis, options }
    this.#launched = { ...setup, params: params.value }
    this.#launch(this.#launched, state, log)
  }

  /** Starts a `SwarmNode` from `state` (at start-up, and again after a resync). */
  #launch(setup: LaunchSetup, state: DilocoState, log: CertifiedBlock[]): void {
    const { id, identity, trainer, app, storage, params, options } = setup
    const transport = this.#client.transport
    if (transport === undefined) return this.#fail('not connected to the swarm')
    const misbehave: Misbehaviour | undefined =
      options.attack === 'equivocate'
        ? { equivocate: true }
        : options.attack === 'silent'
          ? { silent: true }
          : undefined
    const node = new SwarmNode<DilocoState>({
      job: id,
      identity,
      transport,
      clock: realClock,
      app: timedApplication(app, () => performance.now(), this.#recorder.onPhase),
      state,
      log,
      storage,
      // A proposer waits up to `collectMs` for the members' updates; the others must not give up
      // on it sooner, or a slow round (a loaded machine, a big model) turns into nil-vote rounds.
      timeouts: {
        propose: (r) => params.collectMs + 3_000 + 1_000 * r,
        prevote: (r) => 1_000 + 500 * r,
        precommit: (r) => 1_000 + 500 * r,
      },
      ...(misbehave === undefined ? {} : { misbehave }),
    })
    this.#node = node
    this.#reports.started(state)
    node.on((e) => this.#onEvent(e, identity, trainer, options))
    node.participate(true)
    app.contributing = this.#snapshot.participating && !this.#snapshot.paused
    node.start()
    this.#refresh(identity)
    if (this.#snapshot.participating) void this.#joinLoop(identity, transport.self)
    else void this.#leave()
  }

  async #appFor(
    params: ChainParams,
    identity: Identity,
    trainer: TrainerClient,
    attack: TestAttack | undefined,
  ): Promise<DilocoApp> {
    // Test attacks load only when asked for (the job allows them: checked in `#start`).
    const tools =
      attack === undefined ? undefined : await import('../../shared/chain/test-attacks.ts')
    const updateAttack =
      tools !== undefined && attack !== undefined && tools.isUpdateAttack(attack)
        ? tools.updateAttack(attack, Number.parseInt(identity.nodeId.slice(0, 8), 16))
        : undefined
    return new DilocoApp({
      params,
      identity,
      trainer: this.#rounds.wrap(
        localTrainer(trainer, identity.nodeId, {
          maxSteps: () => this.#snapshot.innerSteps,
          onProgress: this.#reports.progress,
          onTrained: (height, metrics) => {
            this.#rounds.trained(height, metrics)
            this.#recorder.onTrained(height, metrics)
            this.#reports.trained(height, metrics)
          },
        }),
      ),
      onApplied: (next, result) => {
        this.#ledgerLog.record(next, result)
        this.#rounds.applied(next.height, result.quality.has(identity.nodeId))
        this.#reports.applied(next, result)
      },
      ...(updateAttack === undefined ? {} : { attack: updateAttack }),
    })
  }

  /** The founder of the job: recorded at the relay, or us if we are first. */
  async #founder(
    origin: string,
    id: JobId,
    identity: Identity,
    peer: PeerIdString,
  ): Promise<{ ok: true; value: Member } | { ok: false; reason: string }> {
    const mine = sealJoin(identity, id, 0 as Height, peer)
    const res = await fetch(new URL(`/api/genesis/${id}`, origin), {
      method: 'POST',
      body: new Uint8Array(mine),
    })
    if (!res.ok)
      return { ok: false, reason: `genesis: relay answered ${res.status} ${await res.text()}` }
    const bytes = new Uint8Array(await res.arrayBuffer())
    const opened = openJoin(bytes, id)
    if (!opened.ok)
      return {
        ok: false,
        reason: `genesis: the relay's founder record is invalid: ${opened.reason}`,
      }
    const m = opened.value.message
    this.#set({ founder: m.node })
    return { ok: true, value: { node: m.node, publicKey: opened.value.publicKey, peer: m.peer } }
  }

  /** A verified checkpoint from any directly connected peer (retried until one answers). */
  async #checkpoint(
    origin: string,
    genesis: DilocoState,
    params: { silentHeights: number; banHeights: number },
    deadline = Infinity,
  ) {
    const transport = this.#client.transport
    // Peers first (they are current), then the relay's archive (every tab may be gone). Both are
    // verified the same way: neither is trusted.
    async function* sources(): AsyncGenerator<{ from: string; bytes: Uint8Array }> {
      for (const peer of transport?.peers().filter((p) => p.connection === 'direct') ?? []) {
        const got = await transport?.request(peer.id, CHECKPOINT_PROTOCOL, new Uint8Array(0), {
          maxBytes: 512 * 1024 * 1024,
          timeoutMs: 30_000,
        })
        if (got?.ok === true) yield { from: `peer ${peer.id.slice(-8)}`, bytes: got.value }
      }
      const res = await fetch(new URL(`/api/checkpoint/${genesis.job}`, origin)).catch(
        () => undefined,
      )
      if (res?.ok === true)
        yield { from: 'relay archive', bytes: new Uint8Array(await res.arrayBuffer()) }
    }
    while (!this.#stopped && transport !== undefined && Date.now() < deadline) {
      for await (const { from, bytes } of sources()) {
        if (Date.now() >= deadline) break
        const cp = decodeCheckpoint(bytes)
        if (!cp.ok) continue
        const verified = verifyCheckpoint(cp.value, genesis, params)
        if (!verified.ok) {
          this.#set({ lastRejected: `checkpoint from ${from}: ${verified.reason}` })
          continue
        }
        const log: CertifiedBlock[] = []
        for (const e of cp.value.entries) {
          const c = decodeCertificate(e.certificate)
          if (c.ok) log.push({ block: e.block, certificate: c.value })
        }
        return { state: verified.value, log }
      }
      await new Promise((r) => setTimeout(r, CHECKPOINT_RETRY_MS))
    }
    return undefined
  }

  async #joinLoop(identity: Identity, peer: PeerIdString): Promise<void> {
    let node = this.#node
    if (node === undefined || this.#joining) return
    this.#joining = true
    try {
      while (
        !this.#stopped &&
        this.#snapshot.participating &&
        !node.state.members.some((m) => m.node === identity.nodeId)
      ) {
        this.#set({ status: 'joining' })
        const join = sealJoin(identity, node.job, node.view.height, peer)
        void this.#client.transport?.publish(topicFor(node.job, 'app'), join).catch(() => undefined)
        await new Promise((r) => setTimeout(r, JOIN_RETRY_MS))
        node = this.#node ?? node // a resync replaces the node
      }
    } finally {
      this.#joining = false
    }
  }

  /**
   * Takes part in the swarm or leaves it. Leaving stops training and voting at once; the node
   * keeps following the certified chain (its balance stays visible) and the members evict it
   * after the job's silent heights. Joining again asks for membership if it was evicted.
   */
  setParticipating(on: boolean): void {
    if (on === this.#snapshot.participating) return
    this.#set({ participating: on })
    if (this.#app !== undefined) this.#app.contributing = on && !this.#snapshot.paused
    const identity = this.#identity
    const peer = this.#client.transport?.self
    if (on) {
      this.#node?.participate(true)
      if (identity !== undefined && peer !== undefined) void this.#joinLoop(identity, peer)
    } else void this.#leave()
    if (identity !== undefined) this.#refresh(identity)
  }

  /**
   * Leaves gracefully: a member publishes a signed leave and keeps voting until a block removes
   * it (so a small swarm never loses its quorum to the departure), then goes quiet. A node that
   * is not a member, or the last one, goes quiet at once.
   */
  async #leave(): Promise<void> {
    const node = this.#node
    const app = this.#app
    const identity = this.#identity
    if (node === undefined || app === undefined || identity === undefined) return
    const member = () => node.state.members.some((m) => m.node === identity.nodeId)
    const leaving = () => !this.#stopped && !this.#snapshot.participating
    while (leaving() && member() && node.state.members.length > 1) {
      const leave = sealLeave(identity, node.job, node.view.height)
      app.submit(leave, node.state)
      void this.#client.transport?.publish(topicFor(node.job, 'app'), leave).catch(() => undefined)
      await new Promise((r) => setTimeout(r, JOIN_RETRY_MS))
    }
    if (leaving()) {
      node.participate(false)
      this.#refresh(identity)
    }
  }

  /** Stops training (the running round stops at its next step; the node still votes). */
  async pause(): Promise<void> {
    this.#set({ paused: true })
    if (this.#app !== undefined) this.#app.contributing = false
    await this.#trainer?.pause()
  }

  /** Trains again from the next height (a paused round in the worker continues now). */
  async resume(): Promise<void> {
    this.#set({ paused: false })
    if (this.#app !== undefined) this.#app.contributing = this.#snapshot.participating
    await this.#trainer?.resume()
  }

  /** Lets the trainer compute only this fraction (0, 1] of wall time. */
  async setDutyCycle(fraction: number): Promise<void> {
    if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`duty cycle ${fraction}`)
    await this.#trainer?.setDutyCycle(fraction)
    this.#set({ dutyCycle: fraction })
  }

  /** Sets H for the next rounds, at most the job's. */
  setInnerSteps(steps: number): Promise<void> {
    const max = this.#jobSteps
    if (!Number.isInteger(steps) || steps < 1 || (max !== undefined && steps > max))
      return Promise.reject(new RangeError(`H must be an integer in [1, ${max ?? '∞'}]`))
    this.#set({ innerSteps: steps })
    return Promise.resolve()
  }

  /** Signs a transfer from this node and publishes it; a later block settles (or skips) it. */
  async sendTransfer(to: NodeId, amount: TokenAmount): Promise<Result<void>> {
    const node = this.#node
    const app = this.#app
    const identity = this.#identity
    const transport = this.#client.transport
    if (
      node === undefined ||
      app === undefined ||
      identity === undefined ||
      transport === undefined
    )
      return { ok: false, reason: 'the node is not running' }
    if (!this.#snapshot.participating)
      return { ok: false, reason: 'this node left the swarm; join again to send' }
    const ledger = node.state.ledger
    if (balanceOf(ledger, identity.nodeId) < amount)
      return { ok: false, reason: 'the balance is lower than the amount' }
    const nonce =
      nonceOf(ledger, identity.nodeId) + BigInt(app.pendingTransfersFrom(identity.nodeId))
    const bytes = sealTransfer(
      identity,
      transferMessage({
        job: node.job,
        height: node.view.height,
        node: identity.nodeId,
        to,
        amount,
        nonce,
      }),
    )
    const queued = app.submit(bytes)
    if (!queued.ok) return queued
    await transport.publish(topicFor(node.job, 'app'), bytes).catch(() => undefined)
    return { ok: true, value: undefined }
  }

  #onEvent(
    e: NodeEvent,
    identity: Identity,
    trainer: TrainerClient,
    options: RuntimeOptions,
  ): void {
    for (const l of this.#eventListeners) l(e)
    if (e.type === 'round') this.#set({ round: e.round, phase: e.phase, proposer: e.proposer })
    else if (e.type === 'votes')
      this.#set({ prevotes: e.prevotes, precommits: e.precommits, quorum: e.quorum })
    else if (e.type === 'committed') {
      this.#refresh(identity)
      const recent = [
        ...this.#snapshot.committed,
        { height: e.height, round: e.round, stateHash: e.stateHash },
      ].slice(-50)
      this.#set({ committed: recent })
      void this.#evaluate(trainer, e.height, options)
    }
  }

  #refresh(identity: Identity): void {
    const node = this.#node
    if (node === undefined) return
    const s = node.state
    const isMember = s.members.some((m) => m.node === identity.nodeId)
    const balance = balanceOf(s.ledger, identity.nodeId)
    this.#set({
      status: isMember
        ? 'member'
        : !this.#snapshot.participating && this.#snapshot.status === 'member'
          ? 'left'
          : this.#snapshot.status,
      height: s.height,
      stateHash: node.view.stateHash,
      members: s.members.length,
      isMember,
      balance: formatRuv(balance),
      balanceMicro: balance.toString(),
      trainedHeights: this.#app?.stats.trainedHeights ?? 0,
      rejected: Object.fromEntries(this.#app?.stats.rejected ?? []),
    })
  }

  async #evaluate(trainer: TrainerClient, height: number, options: RuntimeOptions): Promise<void> {
    const node = this.#node
    if (node === undefined || this.#evaluating) return
    this.#evaluating = true
    try {
      const r = await trainer.evaluate(node.state.weights, {
        maxSamples: options.evalSamples ?? 2_000,
      })
      this.#set({ accuracy: r.accuracy, loss: r.loss, evaluatedHeight: height })
    } catch (err) {
      this.#set({ lastRejected: `evaluate: ${(err as Error).message}` })
    } finally {
      this.#evaluating = false
    }
  }

  // ---- Autonomy (issue #8): what the autonomy loop reads and turns --------------------------
  // The loop itself lives in `app/autonomy/`; the runtime only reports round outcomes, training
  // metrics and heights, and implements the controls that need its internals.

  readonly #rounds = new RoundTracker()
  readonly #autonomyReady: Promise<AutonomyContext>
  #resolveAutonomy: (context: AutonomyContext) => void = () => undefined
  #job: JobManifest | undefined
  #origin: string | undefined
  #launched: LaunchSetup | undefined
  #swarmHeight = 0
  #resyncing = false

  /** Resolves once the node knows its identity, storage and job (never, if start-up fails). */
  autonomyContext(): Promise<AutonomyContext> {
    return this.#autonomyReady
  }

  /** Heights and this node's latest round outcomes. */
  rounds(): RoundsReading {
    const nodeHeight = this.#node?.view.height ?? this.#snapshot.height
    return {
      swarmHeight: Math.max(this.#swarmHeight, nodeHeight),
      nodeHeight,
      recent: this.#rounds.recent(),
    }
  }

  /** The latest finished training's median step time and backend. */
  training(): TrainingReading | undefined {
    return this.#rounds.training()
  }

  /** Highest certified height this node heard of: its own commits and what it synced. */
  #trackSwarmHeight(e: NodeEvent): void {
    if (e.type === 'committed' || e.type === 'synced')
      this.#swarmHeight = Math.max(this.#swarmHeight, e.height)
  }

  /**
   * Moves the trainer to another backend (`auto`: measure again and choose) between rounds. The
   * worker re-initialises on its cached data; its inner optimizer state starts afresh. Refused
   * while a round trains (the loop retries on a later tick), so it never waits on a paused round.
   */
  async setBackend(backend: BackendChoice): Promise<void> {
    const trainer = this.#trainer
    const job = this.#job
    if (trainer === undefined || job === undefined || this.#snapshot.backend === undefined)
      throw new Error('the trainer is still loading; the backend can change once it runs')
    if (this.#rounds.busy)
      throw new Error('a round is training; the backend changes between rounds')
    const report = await trainer.init(job, {
      ...(this.#origin === undefined ? {} : { baseUrl: this.#origin }),
      ...(backend === 'auto' ? {} : { backend }),
    })
    this.#set({ backend: report.backend.chosen, backendReason: report.backend.reason })
  }

  /**
   * Catches up from the latest verified checkpoint: fetches one from the peers or the relay's
   * archive and verifies it like a joining node, then stops the swarm node and starts a new one
   * from it. Without a checkpoint at least as high as the node's state it keeps the state and
   * rejects with the reason.
   */
  async resync(): Promise<void> {
    const setup = this.#launched
    const node = this.#node
    if (setup === undefined || node === undefined || this.#stopped)
      throw new Error('the node is not running yet')
    if (this.#resyncing) throw new Error('a resync is already running')
    this.#resyncing = true
    try {
      const deadline = Date.now() + RESYNC_TIMEOUT_MS
      const fetched = await this.#checkpoint(setup.origin, setup.genesis, setup.params, deadline)
      if (fetched === undefined)
        throw new Error(
          `no peer or archive served a valid checkpoint within ${RESYNC_TIMEOUT_MS / 1000} s; kept the current state`,
        )
      const current = this.#node ?? node
      if (fetched.state.height < current.view.height)
        throw new Error(
          `the latest checkpoint (height ${fetched.state.height}) is behind this node (height ${current.view.height}); kept the current state`,
        )
      if (this.#stopped) throw new Error('the node stopped during the resync')
      current.stop()
      this.#rounds.disturb()
      this.#launch(setup, fetched.state, fetched.log)
      this.#set({ resyncs: this.#snapshot.resyncs + 1 })
    } finally {
      this.#resyncing = false
    }
  }

  /** Stops the node and the worker. */
  stop(): void {
    this.#stopped = true
    this.#node?.stop()
    this.#trainer?.terminate()
    this.#set({ status: 'stopped' })
  }
}
