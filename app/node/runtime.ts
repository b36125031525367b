/**
 * The tab's node, as a composition root of: start-up (`startup.ts`), the swarm node
 * (`chain-node.ts`), the shared lifecycle wired to the tab (`lifecycle.ts`: catch-up, join, leave,
 * resync), the controls (`controls.ts`), the wallet, the evaluation, the backend switch and the
 * reports (`reporter.ts`). It keeps no snapshot of its own: all it knows goes into the dashboard
 * store (through `reporter.ts`'s `NodeFeed`), and `snapshot` reads the node back from there.
 * `slot` is the tab's identity slot (see `identity.ts`), claimed before the swarm client starts.
 */
import type { BackendChoice, RoundsReading, TrainingReading } from '../../shared/autonomy/index.ts'
import type { DilocoState } from '../../shared/chain/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import type { JobManifest } from '../../shared/job/index.ts'
import type { NodeMetricsReport } from '../../shared/metrics/index.ts'
import { NotRunningError, describeError } from '../../shared/node/index.ts'
import type { CaughtUp, NodeEvent, SwarmNode } from '../../shared/node/index.ts'
import type { NodeId, Result, TokenAmount } from '../../shared/types/index.ts'
import type { SwarmClient } from '../net/swarm-client.ts'
import { nodeSnapshot, type NodeSnapshot } from '../state/node-snapshot.ts'
import type { DashboardStore } from '../state/store.ts'
import { autonomyContextOf, type AutonomyContext } from './autonomy-context.ts'
import { switchBackend } from './backend.ts'
import { createSwarmNode, type NodeExtras } from './chain-node.ts'
import { NodeControls } from './controls.ts'
import { Evaluator } from './evaluation.ts'
import type { LedgerView } from './ledger-view.ts'
import { wireLifecycle, type Lifecycle } from './lifecycle.ts'
import type { RuntimeOptions } from './options.ts'
import { realClock } from './real-clock.ts'
import { NodeReporter } from './reporter.ts'
import { startUp, startingPoint, type Started, type StartupHooks } from './startup.ts'
import type { TrainerClient } from './trainer-client.ts'
import { sendTransfer } from './wallet.ts'

export type { AutonomyContext } from './autonomy-context.ts'
export type { RuntimeOptions } from './options.ts'

/** The node behind the dashboard. */
export class NodeRuntime {
  readonly #client: SwarmClient
  readonly #store: DashboardStore
  readonly #report: NodeReporter
  readonly #controls: NodeControls
  readonly #stopping = new AbortController()
  readonly #autonomy: Promise<AutonomyContext>
  #resolveAutonomy: (context: AutonomyContext) => void = () => undefined
  #identity: Identity | undefined
  #job: JobManifest | undefined
  #origin: string | undefined
  #trainer: TrainerClient | undefined
  /** Everything the swarm node is built from, once start-up finished. */
  #started: { parts: Started; extras: NodeExtras; lifecycle: Lifecycle } | undefined
  #node: SwarmNode<DilocoState> | undefined
  #evaluator: Evaluator | undefined

  constructor(client: SwarmClient, store: DashboardStore) {
    this.#client = client
    this.#store = store
    this.#autonomy = new Promise((resolve) => (this.#resolveAutonomy = resolve))
    this.#report = new NodeReporter(store, {
      traffic: () => client.traffic.totals(),
      block: (h) => this.#node?.certified(h)?.block,
      self: () => this.#identity?.nodeId,
    })
    this.#controls = new NodeControls(this.#report.feed, {
      trainer: () => this.#trainer,
      app: () => this.#started?.parts.app,
      disturbed: () => this.#report.rounds.disturb(),
    })
    this.#report.set({})
  }

  /** The node as one flat object, read from the dashboard store (the autonomy loop reads it). */
  get snapshot(): NodeSnapshot {
    return nodeSnapshot(this.#store.getSnapshot())
  }

  /** Calls `listener` with the node's snapshot whenever the dashboard store changes. */
  subscribe(listener: (s: NodeSnapshot) => void): () => void {
    return this.#store.subscribe(() => listener(this.snapshot))
  }

  /** This node's per-height figures so far (times in ms since navigation). */
  metrics(): NodeMetricsReport {
    return this.#report.recorder.report()
  }

  /** The certified state as plain data (members, bans, balances, recent ledger events). */
  ledgerView(): LedgerView | undefined {
    const s = this.#node?.state
    return s === undefined ? undefined : this.#report.ledgerView(s)
  }

  /** Loads the job, the identity and the trainer, then joins the swarm. */
  async start(origin: string, options: RuntimeOptions, slot: number): Promise<void> {
    this.#origin = origin
    try {
      const hooks = this.#hooks(options)
      const started = await startUp(() => this.#client.transport, origin, options, slot, hooks)
      if (!started.ok) return this.#report.set({ status: 'error', error: started.reason })
      const parts = started.value
      this.#evaluator = new Evaluator(parts.trainer, options.evalSamples, this.#report.evaluation)
      const extras = { clock: realClock, attack: options.attack, recorder: this.#report.recorder }
      const lifecycle = wireLifecycle(parts, {
        clock: realClock,
        origin,
        signal: this.#stopping.signal,
        node: () => this.#node,
        set: (patch) => this.#report.set(patch),
        left: () => this.#refresh(),
        relaunch: (from) => this.#relaunch(from),
      })
      this.#started = { parts, extras, lifecycle }
      const syncing = () => this.#report.set({ status: 'syncing' })
      const from = await startingPoint(parts, () => lifecycle.catchUp(), syncing)
      if (from !== undefined) this.#launch(from)
    } catch (err) {
      this.#report.set({ status: 'error', error: describeError(err) })
    }
  }

  /** What start-up reports to: the store, the controls and the autonomy context. */
  #hooks(options: RuntimeOptions): StartupHooks {
    return {
      set: (patch) => this.#report.set(patch),
      known: (job, id, identity, storage) => {
        this.#identity = identity
        this.#job = job
        this.#resolveAutonomy(
          autonomyContextOf(job, id, identity, storage, options.backend ?? 'auto'),
        )
        this.#report.feed.identity(identity.nodeId)
      },
      trainer: (trainer) => void (this.#trainer = trainer),
      ready: (trainer) => this.#controls.applyTo(trainer),
      backend: (report) => this.#report.feed.backend(report),
      app: (identity) => this.#report.appHooks(identity, () => this.#controls.innerSteps),
    }
  }

  /** Starts a `SwarmNode` from `from` (at start-up, and again after a resync). */
  #launch(from: CaughtUp): void {
    const started = this.#started
    if (started === undefined || this.#stopping.signal.aborted) return
    const node = createSwarmNode(started.parts, started.extras, from.state, from.log)
    this.#node = node
    node.on((e) => this.#onEvent(e))
    node.participate(true)
    this.#controls.sync()
    node.start()
    this.#refresh()
    started.lifecycle.follow(this.#controls.participating)
  }

  /** A resync's new start: the old node stops, its running round says nothing of its speed. */
  #relaunch(from: CaughtUp): void {
    this.#node?.stop()
    this.#report.rounds.disturb()
    this.#launch(from)
    this.#report.set({ resyncs: this.#report.feed.current.resyncs + 1 })
  }

  /**
   * Takes part in the swarm or leaves it. Leaving is graceful (`LeaveService`): a member keeps
   * voting until a block removes it, then goes quiet, still following the certified chain (its
   * balance stays visible). Joining again asks for membership (`JoinService`).
   */
  setParticipating(on: boolean): void {
    if (!this.#controls.participate(on)) return
    this.#started?.lifecycle.participate(on)
    this.#refresh()
  }

  /** Stops training (the running round stops at its next step; the node still votes). */
  readonly pause = (): Promise<void> => this.#controls.pause()
  /** Trains again from the next height (a paused round in the worker continues now). */
  readonly resume = (): Promise<void> => this.#controls.resume()
  /** Lets the trainer compute only this fraction (0, 1] of wall time. */
  readonly setDutyCycle = (fraction: number): Promise<void> => this.#controls.setDutyCycle(fraction)
  /** Sets H for the next rounds, at most the job's. */
  readonly setInnerSteps = (steps: number): Promise<void> =>
    this.#controls.setInnerSteps(steps, this.#job?.training.innerSteps)

  /** Signs a transfer from this node and publishes it; a later block settles (or skips) it. */
  sendTransfer(to: NodeId, amount: TokenAmount): Promise<Result<void>> {
    const [node, app, transport] = [this.#node, this.#started?.parts.app, this.#client.transport]
    const identity = this.#identity
    const parts =
      node && app && identity && transport ? { node, app, identity, transport } : undefined
    return sendTransfer(parts, this.#controls.participating, to, amount)
  }

  #onEvent(e: NodeEvent): void {
    this.#report.event(e, this.#controls.contributing)
    if (e.type !== 'committed') return
    this.#refresh()
    const weights = this.#node?.state.weights
    if (weights !== undefined) void this.#evaluator?.evaluate(e.height, weights)
  }

  /** Writes the certified state and this node's place in it to the store. */
  #refresh(): void {
    const [node, identity] = [this.#node, this.#identity]
    if (node !== undefined && identity !== undefined)
      this.#report.certified(node, identity.nodeId, this.#started?.parts.app)
  }

  // ---- What the autonomy loop (`app/autonomy/`) reads and turns ----------------------------

  /** Resolves once the node knows its identity, storage and job (never, if start-up fails). */
  autonomyContext(): Promise<AutonomyContext> {
    return this.#autonomy
  }

  /** Heights and this node's latest round outcomes. */
  rounds(): RoundsReading {
    return this.#report.readings(this.#node?.view.height ?? this.snapshot.height)
  }

  /** The latest finished training's median step time and backend. */
  training(): TrainingReading | undefined {
    return this.#report.rounds.training()
  }

  /** Moves the trainer to another backend between rounds (see `backend.ts`). */
  async setBackend(backend: BackendChoice): Promise<void> {
    const { busy } = this.#report.rounds
    const loaded = this.snapshot.backend !== undefined
    const parts = { trainer: this.#trainer, job: this.#job, origin: this.#origin, loaded, busy }
    this.#report.feed.backend(await switchBackend(parts, backend))
  }

  /**
   * Catches up from the latest verified checkpoint (`ResyncService`) and starts a new swarm node
   * from it; without one at least as high as the node's state, keeps the state and throws why.
   */
  async resync(): Promise<void> {
    const lifecycle = this.#started?.lifecycle
    if (lifecycle === undefined || this.#node === undefined || this.#stopping.signal.aborted)
      throw new NotRunningError()
    await lifecycle.resync.resync({ signal: this.#stopping.signal })
  }

  /** Stops the node and the worker. */
  stop(): void {
    this.#stopping.abort()
    this.#started?.lifecycle.stop()
    this.#node?.stop()
    this.#trainer?.terminate()
    this.#report.feed.stop()
    this.#report.set({ status: 'stopped' })
  }
}
