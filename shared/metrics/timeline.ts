/**
 * One node's timeline of a height, as the tab records it (all times in ms on one clock, the
 * tab's `performance.now()`), and where its wall time went.
 *
 * @remarks
 * A height at a node runs from `height-started` to `committed` (the next height starts at once).
 * In the DiLoCo round as built, the node trains first, then waits for the proposer's block (the
 * proposer collects updates until every member's has arrived or `collectMs` passes), then votes,
 * then applies the block and persists it. `breakdown` cuts the wall time at those points, so the
 * segments add up to the height's wall time exactly.
 */
import type { TrafficTotals } from './traffic.ts'

/** A time span on the tab's clock. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** The trainer's figures for the round of one height. */
export interface TrainedFigures {
  /** When the trainer's answer reached the node. */
  readonly at: number
  /** The trainer's wall time for the round (duty-cycle rests included). */
  readonly elapsedMs: number
  /** Time spent computing (rests excluded). */
  readonly computeMs: number
  readonly steps: number
  readonly stoppedBy: string
}

/** What one node saw of one height. */
export interface HeightRecord {
  readonly height: number
  /** Members voting on this height when it started. */
  readonly members: number
  readonly startedAt: number
  readonly committedAt?: number
  readonly round?: number
  /** The `committed` event's latency: first proposal seen → committed (apply and persist included). */
  readonly latencyMs?: number
  readonly trained?: TrainedFigures
  /** This node's `proposeBlock` (collecting updates and building the block), when it proposed. */
  readonly propose?: Span
  /** This node's checks of the first proposal. */
  readonly validate?: Span
  /** Applying the decided block (starts right after the decision). */
  readonly apply?: Span
  /** Whether the committed block carries this node's update. */
  readonly includesOwnUpdate?: boolean
  /** Bytes moved since the previous commit, read at this commit. */
  readonly traffic?: TrafficTotals
}

/** Where a height's wall time went at one node, in ms; the segments sum to `totalMs`. */
export interface HeightBreakdown {
  readonly totalMs: number
  /** From the height's start until the trainer's answer arrived. */
  readonly trainingMs: number
  /** Of `trainingMs`: the trainer computing. */
  readonly computeMs: number
  /** Of `trainingMs`: duty-cycle rests inside the trainer. */
  readonly restMs: number
  /** Of `trainingMs`: neither (the worker busy with something else, messaging, copies). */
  readonly trainOverheadMs: number
  /** After training, until the first proposal was seen (waiting for the other updates). */
  readonly collectMs: number
  /** First proposal seen → decision (validating, prevotes, precommits). */
  readonly consensusMs: number
  /** Applying the block. */
  readonly applyMs: number
  /** After applying until the commit was reported (persisting the block and state). */
  readonly persistMs: number
  /** First proposal seen → decision, when known. */
  readonly proposalToDecisionMs: number | undefined
  /**
   * Training for this height done before it started (trained ahead on the previous block's
   * state while that block was still being certified). Not a segment of this height's wall time:
   * it overlaps the previous height's consensus, apply and persist.
   */
  readonly aheadMs: number
}

/** When the trainer's round for `r` began (its answer's time less the round's duration). */
const trainingStart = (r: HeightRecord) =>
  r.trained === undefined ? r.startedAt : r.trained.at - Math.max(0, r.trained.elapsedMs)

/**
 * The trainer compute of `r`'s round that fell in [`from`, `to`], taken as spread evenly over
 * the round (compute and duty-cycle rests alternate in groups of a few steps).
 */
export function computeWithin(r: HeightRecord, from: number, to: number): number {
  const t = r.trained
  if (t === undefined) return 0
  const compute = Math.max(0, t.computeMs)
  const start = trainingStart(r)
  if (t.at <= start) return from <= t.at && t.at <= to ? compute : 0
  const inside = Math.max(0, Math.min(t.at, to) - Math.max(start, from))
  return (compute * inside) / (t.at - start)
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

/** Cuts a committed height's wall time into segments; undefined while it is not committed. */
export function breakdown(r: HeightRecord): HeightBreakdown | undefined {
  const end = r.committedAt
  if (end === undefined || end < r.startedAt) return undefined
  const t0 = r.startedAt
  const firstProposal = r.latencyMs === undefined ? undefined : end - r.latencyMs
  const trainEnd = clamp(r.trained?.at ?? t0, t0, end)
  const proposal = clamp(firstProposal ?? r.apply?.start ?? trainEnd, trainEnd, end)
  const decided = clamp(r.apply?.start ?? proposal, proposal, end)
  const applied = clamp(r.apply?.end ?? decided, decided, end)
  const trainingMs = trainEnd - t0
  const elapsed = Math.max(0, r.trained?.elapsedMs ?? 0)
  const aheadMs = clamp(t0 - trainingStart(r), 0, elapsed)
  // Only the part of the round inside this height counts towards its segments.
  const inside = elapsed > 0 ? (elapsed - aheadMs) / elapsed : 1
  const computeMs = Math.min(trainingMs, Math.max(0, r.trained?.computeMs ?? 0) * inside)
  const restMs = Math.min(
    trainingMs - computeMs,
    Math.max(0, elapsed - (r.trained?.computeMs ?? 0)) * inside,
  )
  return {
    totalMs: end - t0,
    trainingMs,
    computeMs,
    restMs,
    trainOverheadMs: trainingMs - computeMs - restMs,
    collectMs: proposal - trainEnd,
    consensusMs: decided - proposal,
    applyMs: applied - decided,
    persistMs: end - applied,
    proposalToDecisionMs:
      firstProposal === undefined || r.apply === undefined
        ? undefined
        : r.apply.start - firstProposal,
    aheadMs,
  }
}

/** A node's figures over a run of consecutive committed heights. */
export interface UtilizationSummary {
  readonly heights: number
  /** From the first height's start to the last height's commit. */
  readonly wallMs: number
  /** Trainer compute time within the window (rounds trained ahead included). */
  readonly computeMs: number
  /** `computeMs` ÷ `wallMs`. */
  readonly utilization: number
  /** Each segment's total over the heights (sums to `wallMs` when the heights are contiguous). */
  readonly segments: Omit<HeightBreakdown, 'proposalToDecisionMs'>
}

const SEGMENTS = [
  'totalMs',
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

/**
 * Utilization and the time breakdown over the committed heights of `records` in
 * [`from`, `to`]; undefined when none is committed there.
 */
export function summarize(
  records: readonly HeightRecord[],
  from = -Infinity,
  to = Infinity,
): UtilizationSummary | undefined {
  const done = records
    .filter((r) => r.height >= from && r.height <= to)
    .map((r) => ({ r, b: breakdown(r) }))
    .filter((x): x is { r: HeightRecord; b: HeightBreakdown } => x.b !== undefined)
    .sort((a, b) => a.r.height - b.r.height)
  const first = done[0]
  const last = done.at(-1)
  if (first === undefined || last === undefined) return undefined
  const segments = Object.fromEntries(SEGMENTS.map((k) => [k, 0])) as Record<
    (typeof SEGMENTS)[number],
    number
  >
  for (const { b } of done) for (const k of SEGMENTS) segments[k] += b[k]
  const from0 = first.r.startedAt
  const to1 = last.r.committedAt as number
  const wallMs = to1 - from0
  const computeMs = done.reduce((acc, { r }) => acc + computeWithin(r, from0, to1), 0)
  return {
    heights: done.length,
    wallMs,
    computeMs,
    utilization: wallMs > 0 ? computeMs / wallMs : NaN,
    segments,
  }
}
