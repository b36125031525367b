/**
 * `window.__swarm`: a read-only handle on the tab's node for Playwright tests and for developers
 * in the console. It exposes state the UI already shows (`node()` reads the dashboard store, the
 * one the views read), plus raw connection facts (`limits == null` means direct), and a way to
 * publish to the lobby topic (the connection tests use it).
 */
import type { AuditProblem, AuditSummary } from '../shared/autonomy/index.ts'
import type { NodeMetricsReport, TrafficTotals } from '../shared/metrics/index.ts'
import { LOBBY_TOPIC } from '../shared/network/index.ts'
import type { Result } from '../shared/types/index.ts'
import type { NodeAgent } from './autonomy/agent.ts'
import type { SwarmClient, SwarmSnapshot } from './net/swarm-client.ts'
import type { LedgerView } from './node/ledger-view.ts'
import type { NodeRuntime } from './node/runtime.ts'
import { nodeSnapshot, type NodeSnapshot } from './state/node-snapshot.ts'
import type { DashboardStore } from './state/store.ts'
import { errorMessage } from '../shared/node/errors.ts'

/** What tests read from a tab. */
export interface SwarmTestHandle {
  snapshot(): SwarmSnapshot
  connections(): Array<{ peer: string; direct: boolean; addr: string; status: string }>
  sayHello(text: string): Promise<number>
  /** Peers known to be subscribed to the lobby topic. */
  lobbySubscribers(): string[]
  /** The training node's snapshot (from the dashboard store), when the node runs in this tab. */
  node(): NodeSnapshot | undefined
  /**
   * Verifies the autonomy loop's audit log (every kept entry chained, hashed and signed by this
   * node); undefined until the log is open.
   */
  verifyAudit(): Result<AuditSummary, AuditProblem> | undefined
  /**
   * Test-only: resyncs the node from the latest verified checkpoint now, as the autonomy loop
   * does when its updates stop being accepted; resolves with the refusal's reason if it refused.
   */
  resync(): Promise<Result<void>>
  /** The node's certified state as plain data: members, bans, balances, recent ledger events. */
  chain(): LedgerView | undefined
  /** Bytes of every libp2p protocol stream of this tab so far, by protocol and kind. */
  traffic(): TrafficTotals
  /** The node's per-height figures (times in ms since navigation), when the node runs here. */
  metrics(): NodeMetricsReport | undefined
}

declare global {
  interface Window {
    __swarm?: SwarmTestHandle
  }
}

/** Installs the handle on `window`. */
export function installTestHandle(
  client: SwarmClient,
  store: DashboardStore,
  runtime?: NodeRuntime,
  agent?: NodeAgent,
): void {
  window.__swarm = {
    snapshot: () => client.snapshot,
    connections: () =>
      (client.node?.getConnections() ?? []).map((c) => ({
        peer: c.remotePeer.toString(),
        direct: c.limits == null,
        addr: c.remoteAddr.toString(),
        status: c.status,
      })),
    sayHello: (text) => client.sayHello(text),
    lobbySubscribers: () =>
      (client.node?.services.pubsub.getSubscribers(LOBBY_TOPIC) ?? []).map((p) => p.toString()),
    node: () => (runtime === undefined ? undefined : nodeSnapshot(store.getSnapshot())),
    verifyAudit: () => agent?.verifyAudit(),
    resync: async () => {
      if (runtime === undefined) return { ok: false, reason: 'no node runs in this tab' }
      try {
        await runtime.resync()
        return { ok: true, value: undefined }
      } catch (err) {
        return { ok: false, reason: errorMessage(err) }
      }
    },
    chain: () => runtime?.ledgerView(),
    traffic: () => client.traffic.totals(),
    metrics: () => runtime?.metrics(),
  }
}
