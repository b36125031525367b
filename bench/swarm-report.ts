/**
 * The figures `swarm.bench.ts` prints, from what each tab recorded (`window.__swarm.metrics()`,
 * its dial counters): per node and over all nodes, for the heights of the measured window.
 */
import {
  breakdown,
  mean,
  percentile,
  sum,
  summarize,
  trafficKindOf,
  type HeightBreakdown,
  type HeightRecord,
  type NodeMetricsReport,
  type TrafficTotals,
} from '../shared/metrics/index.ts'

/** What the bench read from one tab. */
export interface TabResult {
  readonly label: string
  readonly backend?: string
  readonly metrics: NodeMetricsReport
  readonly dial: { readonly attempts: number; readonly successes: number }
  /** The node's controls, sampled every poll of the measured heights (the autonomy loop's). */
  readonly controls?: {
    readonly samples: number
    readonly paused: number
    readonly dutyCycleSum: number
  }
}

/** Where the wall time went, as shares of it. */
export type Shares = Readonly<
  Record<Exclude<keyof HeightBreakdown, 'totalMs' | 'proposalToDecisionMs'>, number>
>

/** One row of the report: a node, or all nodes. */
export interface ReportRow {
  readonly node: string
  readonly heights: number
  readonly wallMs: number
  /** Trainer compute time ÷ wall time over the window. */
  readonly utilization: number
  readonly shares: Shares
  /** The `committed` events' latency (first proposal seen → committed, apply and persist included). */
  readonly latencyP50: number
  readonly latencyP95: number
  /** First proposal seen → decision (the certificate's precommits gathered). */
  readonly decisionP50: number
  readonly decisionP95: number
  /** Mean bytes per height, by traffic group and direction. */
  readonly bytesPerHeight: Readonly<Record<TrafficGroup, { sent: number; received: number }>>
  /** Mean data bytes of this node's own pubsub messages per height. */
  readonly publishedPerHeight: number
  /** Heights of the window whose block carried this node's update. */
  readonly included: number
  /** Navigation → the first update published, and → the first block including one (ms). */
  readonly firstUpdateMs: number
  readonly firstIncludedMs: number
  readonly dialAttempts: number
  readonly dialSuccesses: number
}

const SHARE_KEYS = [
  'trainingMs',
  'computeMs',
  'restMs',
  'trainOverheadMs',
  'collectMs',
  'consensusMs',
  'applyMs',
  'persistMs',
  'aheadMs',
] as const

/** How the report groups bytes: gossip, each swarm stream protocol, everything else. */
export type TrafficGroup = 'gossip' | 'payload' | 'checkpoint' | 'sync' | 'other'

/** The groups, in report order. */
export const TRAFFIC_GROUPS: readonly TrafficGroup[] = [
  'gossip',
  'payload',
  'checkpoint',
  'sync',
  'other',
]

/** The report group of a libp2p protocol id (`/swarm/<name>/…` by name). */
export function trafficGroupOf(protocol: string): TrafficGroup {
  const kind = trafficKindOf(protocol)
  if (kind === 'gossip') return 'gossip'
  const name = /^\/swarm\/([^/]+)\//.exec(protocol)?.[1]
  return name === 'payload' || name === 'checkpoint' || name === 'sync' ? name : 'other'
}

/** Bytes by report group. */
export function groupTraffic(
  t: TrafficTotals,
): Record<TrafficGroup, { sent: number; received: number }> {
  const out = Object.fromEntries(
    TRAFFIC_GROUPS.map((g) => [g, { sent: 0, received: 0 }]),
  ) as Record<TrafficGroup, { sent: number; received: number }>
  for (const [protocol, c] of Object.entries(t.byProtocol)) {
    const g = out[trafficGroupOf(protocol)]
    g.sent += c.sent
    g.received += c.received
  }
  return out
}

const inWindow = (m: NodeMetricsReport, from: number, to: number): HeightRecord[] =>
  m.heights.filter((r) => r.height >= from && r.height <= to && r.committedAt !== undefined)

function bytesPerHeight(records: readonly HeightRecord[]): ReportRow['bytesPerHeight'] {
  const grouped = records.flatMap((r) => (r.traffic === undefined ? [] : [groupTraffic(r.traffic)]))
  const per = (g: TrafficGroup, d: 'sent' | 'received') => mean(grouped.map((x) => x[g][d]))
  return Object.fromEntries(
    TRAFFIC_GROUPS.map((g) => [g, { sent: per(g, 'sent'), received: per(g, 'received') }]),
  ) as ReportRow['bytesPerHeight']
}

function row(node: string, tabs: readonly TabResult[], from: number, to: number): ReportRow {
  const records = tabs.map((t) => inWindow(t.metrics, from, to))
  const summaries = tabs.map((t) => summarize(t.metrics.heights, from, to))
  const wallMs = sum(summaries.map((s) => s?.wallMs ?? NaN))
  const segment = (k: (typeof SHARE_KEYS)[number]) =>
    sum(summaries.map((s) => s?.segments[k] ?? NaN))
  const shares = Object.fromEntries(
    SHARE_KEYS.map((k) => [k, wallMs > 0 ? segment(k) / wallMs : NaN]),
  ) as Shares
  const all = records.flat()
  const latencies = all.map((r) => r.latencyMs ?? NaN)
  const decisions = all.map((r) => breakdown(r)?.proposalToDecisionMs ?? NaN)
  const first = (pick: (m: NodeMetricsReport) => number | undefined) =>
    percentile(
      tabs.map((t) => pick(t.metrics) ?? NaN),
      50,
    )
  return {
    node,
    heights: Math.max(0, ...records.map((r) => r.length)),
    wallMs: tabs.length === 1 ? wallMs : wallMs / Math.max(1, tabs.length),
    utilization: wallMs > 0 ? sum(summaries.map((s) => s?.computeMs ?? NaN)) / wallMs : NaN,
    shares,
    latencyP50: percentile(latencies, 50),
    latencyP95: percentile(latencies, 95),
    decisionP50: percentile(decisions, 50),
    decisionP95: percentile(decisions, 95),
    bytesPerHeight: bytesPerHeight(all),
    publishedPerHeight: mean(all.map((r) => r.traffic?.published.bytes ?? NaN)),
    included: all.filter((r) => r.includesOwnUpdate === true).length / Math.max(1, tabs.length),
    firstUpdateMs: first((m) => m.firstUpdateAt),
    firstIncludedMs: first((m) => m.firstIncludedAt),
    dialAttempts: sum(tabs.map((t) => t.dial.attempts)),
    dialSuccesses: sum(tabs.map((t) => t.dial.successes)),
  }
}

/**
 * One row per tab and a last row over all of them (utilization Σ compute ÷ Σ wall; latencies
 * pooled; bytes the mean per node and height; first-update times the median over nodes; dials
 * summed), for the heights in [`from`, `to`].
 */
export function swarmReport(tabs: readonly TabResult[], from: number, to: number): ReportRow[] {
  return [...tabs.map((t) => row(t.label, [t], from, to)), row('all', tabs, from, to)]
}
