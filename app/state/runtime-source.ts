/**
 * Feeds the dashboard from the tab's `NodeRuntime` (`app/node/`) through its public face: every
 * `NodeEvent` as it happens, and from its snapshot the node id, the start-up stage, the backend,
 * the certified height's summary and each evaluation of the shared model.
 *
 * @remarks
 * The runtime's snapshot does not carry the member list, the supply, the ledger's events, the
 * trainer's progress, the bytes moved or the autonomy loop's decisions; those views say "not
 * reported" until the runtime feeds the matching inputs (see `state/index.ts`). Nothing here is
 * estimated: a field the runtime does not report is left out.
 */
import type { NodeEvent } from '../../shared/node/index.ts'
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
}

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

function summaryOf(s: RuntimeView): ChainSummary | undefined {
  const hash = s.stateHash === undefined ? undefined : asHashHex(s.stateHash)
  if (hash === undefined || !hash.ok || !/^[0-9]+$/.test(s.balanceMicro)) return undefined
  return {
    height: s.height,
    stateHash: hash.value,
    balance: BigInt(s.balanceMicro) as TokenAmount,
    member: s.isMember,
    memberCount: s.members,
  }
}

/** Mirrors `runtime` into `store`; returns the function that stops. */
export function feedRuntime(runtime: RuntimeSource, store: DashboardStore): () => void {
  let last: RuntimeView | undefined
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
    const summary = summaryOf(s)
    if (
      summary !== undefined &&
      (prev === undefined ||
        prev.stateHash !== s.stateHash ||
        prev.balanceMicro !== s.balanceMicro ||
        prev.isMember !== s.isMember ||
        prev.members !== s.members)
    )
      store.dispatch({ kind: 'chain', summary })
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
  onSnapshot(runtime.snapshot)
  return () => {
    offSnapshot()
    offEvents()
    offTraffic?.()
    store.dispatch({ kind: 'attached', attached: false })
  }
}
