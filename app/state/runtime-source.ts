/**
 * Feeds the dashboard from the tab's `NodeRuntime` (`app/node/`) through its public face: every
 * `NodeEvent` as it happens; from its snapshot the node id, the start-up stage, the backend, the
 * certified height's summary and each evaluation of the shared model; and from its reports
 * (`node/reports.ts`) the trainer's progress (at most one update per `progressIntervalMs`) and
 * finished rounds, the ledger's events of each applied block, and the certified state's members
 * and supply, joined to the summary of the same height; and the bytes moved per committed height.
 *
 * @remarks
 * The autonomy loop's decisions come from the agent (`app/autonomy/`). Nothing here is
 * estimated: a field the runtime does not report is left out.
 */
import type { NodeEvent } from '../../shared/node/index.ts'
import type { RuntimeReport } from '../node/reports.ts'
import { asHashHex, asNodeId, type TokenAmount } from '../../shared/types/index.ts'
import type { DashboardStore } from './store.ts'
import type { BackendSummary, ChainSummary } from './types.ts'

/** The parts of the runtime's snapshot read here. */
export interface RuntimeView {
  readonly status: string
  readonly error?: string
  readonly loading?: string
  readonly nodeId?: string
  readonly backend?: string
  readonly backendReason?: string
  readonly height: number
  readonly stateHash?: string
  readonly members: number
  readonly isMember: boolean
  readonly balanceMicro: string
  readonly accuracy?: number
  readonly loss?: number
  readonly evaluatedHeight?: number
}

/** The runtime as the dashboard listens to it. */
export interface RuntimeSource {
  readonly snapshot: RuntimeView
  subscribe(listener: (s: RuntimeView) => void): () => void
  onEvent(listener: (e: NodeEvent) => void): () => void
  /** Bytes moved per committed height, when the runtime counts them. */
  onTraffic?(
    listener: (t: { height: number; sentBytes: number; receivedBytes: number }) => void,
  ): () => void
  /** Trainer, ledger and members reports, where the runtime has them. */
  onReport?(listener: (r: RuntimeReport) => void): () => void
}

/** Options of `feedRuntime`. */
export interface FeedRuntimeOptions {
  /**
   * The least time between two progress inputs, in ms (default 250): the trainer reports a few
   * times a second and every input re-renders the node view, so a burst is folded into its newest
   * report. A round's end (its `trained` report) always goes through at once.
   */
  readonly progressIntervalMs?: number
  /** The clock of the throttle (default `Date.now`). */
  readonly now?: () => number
}

/** The default least interval between two progress inputs, ms. */
export const PROGRESS_INTERVAL_MS = 250

type MembersReport = Extract<RuntimeReport, { kind: 'members' }>

const BACKENDS: readonly string[] = ['webgpu', 'webgl', 'wasm', 'cpu']

/** The start-up stage in words, or undefined once the node runs (or failed). */
function startupText(s: RuntimeView): string | undefined {
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

/** The snapshot's summary, with the members and supply when `details` is of the same height. */
function summaryOf(s: RuntimeView, details: MembersReport | undefined): ChainSummary | undefined {
  const hash = s.stateHash === undefined ? undefined : asHashHex(s.stateHash)
  if (hash === undefined || !hash.ok || !/^[0-9]+$/.test(s.balanceMicro)) return undefined
  const summary: ChainSummary = {
    height: s.height,
    stateHash: hash.value,
    balance: BigInt(s.balanceMicro) as TokenAmount,
    member: s.isMember,
    memberCount: s.members,
  }
  if (details?.height !== s.height) return summary
  const members = [...details.members].sort((a, b) =>
    a.node < b.node ? -1 : a.node > b.node ? 1 : 0,
  )
  return { ...summary, members, supply: details.supply }
}

/** Mirrors `runtime` into `store`; returns the function that stops. */
export function feedRuntime(
  runtime: RuntimeSource,
  store: DashboardStore,
  options: FeedRuntimeOptions = {},
): () => void {
  const interval = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS
  const now = options.now ?? Date.now
  let last: RuntimeView | undefined
  let details: MembersReport | undefined
  /** The chain summary last dispatched (to re-send it with members that arrive after it). */
  let sent: ChainSummary | undefined
  let progressAt = -Infinity
  let pending: Extract<RuntimeReport, { kind: 'progress' }> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const flushProgress = () => {
    timer = undefined
    if (pending === undefined) return
    const { height, progress } = pending
    pending = undefined
    progressAt = now()
    store.dispatch({ kind: 'progress', height, progress })
  }
  const dropProgress = () => {
    pending = undefined
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  const onReport = (r: RuntimeReport) => {
    switch (r.kind) {
      case 'progress': {
        pending = r
        const wait = progressAt + interval - now()
        if (wait <= 0) flushProgress()
        else timer ??= setTimeout(flushProgress, wait)
        return
      }
      case 'trained':
        // A progress report held back now would bring a finished round back as running.
        dropProgress()
        store.dispatch({ kind: 'trained', height: r.height, metrics: r.metrics })
        return
      case 'ledger':
        store.dispatch({ kind: 'ledger', height: r.height, events: r.events })
        return
      case 'members': {
        details = r
        const summary = last === undefined ? undefined : summaryOf(last, details)
        if (summary !== undefined && sent?.height === r.height && sent.members === undefined) {
          sent = summary
          store.dispatch({ kind: 'chain', summary })
        }
        return
      }
    }
  }
  const onSnapshot = (s: RuntimeView) => {
    const prev = last
    last = s
    const running = s.status !== 'error' && s.status !== 'stopped'
    store.dispatchAll([
      { kind: 'attached', attached: running },
      {
        kind: 'startup',
        text: running ? startupText(s) : undefined,
        ...(s.error === undefined ? {} : { error: s.error }),
      },
    ])
    const id = s.nodeId === undefined ? undefined : asNodeId(s.nodeId)
    if (id?.ok === true && prev?.nodeId !== s.nodeId)
      store.dispatch({ kind: 'identity', nodeId: id.value })
    if (s.backend !== undefined && BACKENDS.includes(s.backend) && prev?.backend !== s.backend) {
      const report = { chosen: s.backend, reason: s.backendReason ?? '' } as BackendSummary
      store.dispatch({ kind: 'backend', report })
    }
    const summary = summaryOf(s, details)
    if (
      summary !== undefined &&
      (prev === undefined ||
        prev.stateHash !== s.stateHash ||
        prev.balanceMicro !== s.balanceMicro ||
        prev.isMember !== s.isMember ||
        prev.members !== s.members)
    ) {
      sent = summary
      store.dispatch({ kind: 'chain', summary })
    }
    if (
      s.evaluatedHeight !== undefined &&
      s.accuracy !== undefined &&
      s.loss !== undefined &&
      prev?.evaluatedHeight !== s.evaluatedHeight
    ) {
      const result = { accuracy: s.accuracy, loss: s.loss }
      store.dispatch({ kind: 'evaluated', height: s.evaluatedHeight, result })
    }
  }
  const offSnapshot = runtime.subscribe(onSnapshot)
  const offEvents = runtime.onEvent((event) => store.dispatch({ kind: 'node', event }))
  const offTraffic = runtime.onTraffic?.((t) => store.dispatch({ kind: 'traffic', ...t }))
  const offReports = runtime.onReport?.(onReport)
  onSnapshot(runtime.snapshot)
  return () => {
    offSnapshot()
    offEvents()
    offTraffic?.()
    offReports?.()
    dropProgress()
    store.dispatch({ kind: 'attached', attached: false })
  }
}
