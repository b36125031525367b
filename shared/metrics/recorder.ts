/**
 * Records a node's heights for the benchmark and the dashboard: the timeline of each height (from
 * the node's events, the trainer's answers and the app's timed phases), the bytes moved between
 * commits, and when the node's first update was published and first included in a block.
 */
import { decodeBlock } from '../chain/index.ts'
import type { NodeEvent } from '../node/events.ts'
import { coreCodec, decodeEnvelope } from '../protocol/index.ts'
import type { TrainMetrics } from '../trainer/index.ts'
import type { Height, NodeId } from '../types/index.ts'
import type { HeightRecord, Span, TrainedFigures } from './timeline.ts'
import type { AppPhase } from './timed-app.ts'
import { trafficSince, type TrafficTotals } from './traffic.ts'

/** Heights kept (oldest dropped first). */
export const MAX_RECORDED_HEIGHTS = 500

/** What the recorder reads. */
export interface RecorderSources {
  /** The clock every recorded time is on (in a tab: `performance.now()`, ms since navigation). */
  readonly now: () => number
  /** The node's byte counters. */
  readonly traffic: () => TrafficTotals
  /** The committed block at a height, if the node still has it. */
  readonly block: (height: Height) => Uint8Array | undefined
  /** This node's id, once known. */
  readonly self: () => NodeId | undefined
}

/** Bytes moved for one committed height: the dashboard's `traffic` input. */
export interface HeightTraffic {
  readonly height: number
  readonly sentBytes: number
  readonly receivedBytes: number
}

/** Everything recorded so far (plain data: it crosses `page.evaluate`). */
export interface NodeMetricsReport {
  /** When the trainer's first answer came (the node publishes that update at once). */
  readonly firstUpdateAt?: number
  readonly firstUpdateHeight?: number
  /** When the first block carrying this node's update was committed here. */
  readonly firstIncludedAt?: number
  readonly firstIncludedHeight?: number
  /** When the node first reported each start-up stage (`loading`, `syncing`, `member`…). */
  readonly stages: Readonly<Record<string, number>>
  readonly heights: readonly HeightRecord[]
  readonly traffic: TrafficTotals
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The node ids whose updates `block` carries; empty when it does not decode. */
export function updatersOf(block: Uint8Array): NodeId[] {
  const b = decodeBlock(block)
  if (!b.ok) return []
  const nodes: NodeId[] = []
  for (const u of b.value.updates) {
    const env = decodeEnvelope(u)
    const m = env.ok ? coreCodec.decode(env.value.body) : undefined
    if (m?.ok === true && m.value.type === 'update') nodes.push(m.value.node)
  }
  return nodes
}

/** Collects one node's figures; feed it events, trainer answers and timed app phases. */
export class HeightRecorder {
  readonly #src: RecorderSources
  readonly #heights = new Map<number, Mutable<HeightRecord>>()
  readonly #listeners = new Set<(t: HeightTraffic) => void>()
  #lastTraffic: TrafficTotals
  #first: Mutable<Omit<NodeMetricsReport, 'heights' | 'traffic' | 'stages'>> = {}
  readonly #stages: Record<string, number> = {}

  constructor(sources: RecorderSources) {
    this.#src = sources
    this.#lastTraffic = sources.traffic()
  }

  /** Calls `listener` with the bytes of every height this node commits. */
  onTraffic(listener: (t: HeightTraffic) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #record(height: number): Mutable<HeightRecord> {
    let r = this.#heights.get(height)
    if (r === undefined) {
      r = { height, members: 0, startedAt: this.#src.now() }
      this.#heights.set(height, r)
      for (const h of this.#heights.keys()) {
        if (this.#heights.size <= MAX_RECORDED_HEIGHTS) break
        this.#heights.delete(h)
      }
    }
    return r
  }

  /** A node event. */
  onEvent(e: NodeEvent): void {
    if (e.type === 'height-started') {
      const r = this.#record(e.height)
      r.startedAt = this.#src.now()
      r.members = e.members
    } else if (e.type === 'committed') this.#committed(e.height, e.round, e.latencyMs)
  }

  #committed(height: Height, round: number, latencyMs: number | undefined): void {
    const r = this.#record(height)
    const traffic = this.#src.traffic()
    const delta = trafficSince(traffic, this.#lastTraffic)
    this.#lastTraffic = traffic
    r.committedAt = this.#src.now()
    r.round = round
    if (latencyMs !== undefined) r.latencyMs = latencyMs
    r.traffic = delta
    const self = this.#src.self()
    const block = this.#src.block(height)
    if (self !== undefined && block !== undefined) {
      r.includesOwnUpdate = updatersOf(block).includes(self)
      if (r.includesOwnUpdate && this.#first.firstIncludedAt === undefined) {
        this.#first.firstIncludedAt = r.committedAt
        this.#first.firstIncludedHeight = height
      }
    }
    const t = { height, sentBytes: delta.sent, receivedBytes: delta.received }
    for (const l of this.#listeners) {
      try {
        l(t)
      } catch {
        // A listener's bug must not stop the others or the node.
      }
    }
  }

  /** The node's status (its start-up stage); the first time each is seen is kept. */
  onStatus(status: string): void {
    this.#stages[status] ??= this.#src.now()
  }

  /** The trainer's answer for `height`'s round. */
  onTrained(height: Height, m: TrainMetrics): void {
    const at = this.#src.now()
    const trained: TrainedFigures = {
      at,
      elapsedMs: m.elapsedMs,
      computeMs: m.computeMs,
      steps: m.steps,
      stoppedBy: m.stoppedBy,
    }
    this.#record(height).trained = trained
    if (this.#first.firstUpdateAt === undefined) {
      this.#first.firstUpdateAt = at
      this.#first.firstUpdateHeight = height
    }
  }

  /** A timed app phase (see `timedApplication`); only the first of each kind per height is kept. */
  readonly onPhase = (phase: AppPhase, height: Height, start: number, end: number): void => {
    const r = this.#record(height)
    const span: Span = { start, end }
    if (r[phase] === undefined) r[phase] = span
  }

  /** A copy of everything recorded. */
  report(): NodeMetricsReport {
    return {
      ...this.#first,
      stages: { ...this.#stages },
      heights: [...this.#heights.values()]
        .sort((a, b) => a.height - b.height)
        .map((r) => ({ ...r })),
      traffic: this.#src.traffic(),
    }
  }
}
