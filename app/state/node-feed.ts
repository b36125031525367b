/**
 * How the tab's runtime (`app/node/`) writes into the dashboard store, the one store the UI and
 * the test handle read: its own status (the `node` slice, with the start-up stage in words and
 * whether a node is attached), every `NodeEvent`, the summary of each certified state, the
 * ledger's events per applied block, the backend, the trainer's progress (at most one input per
 * `progressIntervalMs`) and finished rounds, each evaluation and the bytes moved per height.
 *
 * @remarks
 * Nothing here is estimated: each input is a copy of what the trainer, the node or the state
 * transition produced. The runtime keeps no snapshot of its own.
 */
import type { DilocoState } from '../../shared/chain/index.ts'
import type { LedgerEvent } from '../../shared/ledger/index.ts'
import type { NodeEvent } from '../../shared/node/index.ts'
import type { TrainMetrics, TrainProgress } from '../../shared/trainer/index.ts'
import type { HashHex, NodeId } from '../../shared/types/index.ts'
import { chainSummary } from './sources.ts'
import type { DashboardStore } from './store.ts'
import type { BackendSummary, DashboardInput, EvalSummary, NodeStatus } from './types.ts'

/** Options of a `NodeFeed`. */
export interface NodeFeedOptions {
  /**
   * The least time between two progress inputs, in ms (default 250): the trainer reports a few
   * times a second and every input re-renders the node view, so a burst is folded into its newest
   * report. A round's end (`trained`) always goes through at once.
   */
  readonly progressIntervalMs?: number
  /** The clock of the throttle (default `Date.now`). */
  readonly now?: () => number
}

/** The default least interval between two progress inputs, ms. */
export const PROGRESS_INTERVAL_MS = 250

/** The start-up stage in words, or undefined once the node runs (or failed). */
export function startupText(s: Pick<NodeStatus, 'status' | 'loading'>): string | undefined {
  switch (s.status) {
    case 'starting':
      return 'waiting for the swarm connection'
    case 'loading':
      return `loading the data and choosing a backend${s.loading === undefined ? '' : ` (${s.loading})`}`
    case 'genesis':
      return "finding the job's founder"
    case 'syncing':
      return 'catching up from a verified checkpoint'
    default:
      return undefined
  }
}

/** The runtime's writer into the dashboard store. */
export class NodeFeed {
  readonly #store: DashboardStore
  readonly #interval: number
  readonly #now: () => number
  #progressAt = -Infinity
  #pending: { height: number; progress: TrainProgress } | undefined
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(store: DashboardStore, options: NodeFeedOptions = {}) {
    this.#store = store
    this.#interval = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS
    this.#now = options.now ?? Date.now
  }

  /** The runtime's status as the store holds it now. */
  get current(): NodeStatus {
    return this.#store.getSnapshot().node
  }

  /** Changes the runtime's status, with the start-up stage and attachment that follow from it. */
  set(patch: Partial<NodeStatus>): void {
    const next = { ...this.current, ...patch }
    const running = next.status !== 'error' && next.status !== 'stopped'
    this.#dispatch(
      { kind: 'status', patch },
      { kind: 'attached', attached: running },
      {
        kind: 'startup',
        text: running ? startupText(next) : undefined,
        ...(next.error === undefined ? {} : { error: next.error }),
      },
    )
  }

  /** This node's id, once its identity is loaded. */
  identity(nodeId: NodeId): void {
    this.#dispatch({ kind: 'identity', nodeId })
  }

  /** One event of the swarm node. */
  event(event: NodeEvent): void {
    this.#dispatch({ kind: 'node', event })
  }

  /** The certified state the node holds now (summary, members and supply; no weights). */
  chain(state: DilocoState, stateHash: HashHex, self: NodeId): void {
    this.#dispatch({ kind: 'chain', summary: chainSummary(state, self, stateHash) })
  }

  /** What the ledger did when the block of `height` was applied. */
  ledger(height: number, events: readonly LedgerEvent[]): void {
    this.#dispatch({ kind: 'ledger', height, events })
  }

  /** The trainer's backend and why it was chosen. */
  backend(report: BackendSummary): void {
    this.#dispatch({ kind: 'backend', report })
  }

  /** An evaluation of the certified model of `height`. */
  evaluated(height: number, result: EvalSummary): void {
    this.#dispatch({ kind: 'evaluated', height, result })
  }

  /** Bytes this node moved for one committed height. */
  traffic(t: { height: number; sentBytes: number; receivedBytes: number }): void {
    this.#dispatch({ kind: 'traffic', ...t })
  }

  /** The running round's progress (throttled: see `progressIntervalMs`). */
  readonly progress = (height: number, progress: TrainProgress): void => {
    this.#pending = { height, progress }
    const wait = this.#progressAt + this.#interval - this.#now()
    if (wait <= 0) this.#flushProgress()
    else this.#timer ??= setTimeout(() => this.#flushProgress(), wait)
  }

  /** A finished round's metrics. */
  readonly trained = (height: number, metrics: TrainMetrics): void => {
    // A progress report held back now would bring a finished round back as running.
    this.#dropProgress()
    this.#dispatch({ kind: 'trained', height, metrics })
  }

  /** Drops a held-back progress report (the runtime stops). */
  stop(): void {
    this.#dropProgress()
  }

  #flushProgress(): void {
    this.#timer = undefined
    const pending = this.#pending
    if (pending === undefined) return
    this.#pending = undefined
    this.#progressAt = this.#now()
    this.#dispatch({ kind: 'progress', ...pending })
  }

  #dropProgress(): void {
    this.#pending = undefined
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** Folds `inputs` at once; a view's failure must not reach the trainer or the chain. */
  #dispatch(...inputs: DashboardInput[]): void {
    try {
      this.#store.dispatchAll(inputs)
    } catch {
      // The store keeps the folded state; the next input renders again.
    }
  }
}
