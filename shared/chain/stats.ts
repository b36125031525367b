/**
 * The local node's figures of the DiLoCo app (rounds trained, bytes sent, rejected inputs by
 * reason), which the dashboard and the tests read.
 */

/** Figures of the local node, per height. */
export interface AppStats {
  trainedHeights: number
  /** Time spent in `train` over all rounds, in ms (compute utilization = this ÷ wall time). */
  trainMsTotal: number
  lastTrainMs: number
  lastLoss: number
  payloadBytesSent: number
  updatesReceived: number
  rejected: Map<string, number>
}

/** Fresh figures: nothing trained, nothing rejected. */
export function createStats(): AppStats {
  return {
    trainedHeights: 0,
    trainMsTotal: 0,
    lastTrainMs: 0,
    lastLoss: NaN,
    payloadBytesSent: 0,
    updatesReceived: 0,
    rejected: new Map(),
  }
}

/**
 * The key under which a rejection reason is counted: its prefix before `:` and the rejection code
 * that follows (`update: bad-signature …` → `update bad-signature`), digits folded to `N` so a
 * reason naming a height or a size does not open a new counter each time.
 */
export function rejectionKey(reason: string): string {
  const colon = reason.indexOf(':')
  const head = colon < 0 ? reason : reason.slice(0, colon)
  const code = colon < 0 ? undefined : /^ ([a-z]+(?:-[a-z]+)+)\b/.exec(reason.slice(colon + 1))?.[1]
  return `${head}${code === undefined ? '' : ` ${code}`}`.replace(/[0-9]+/g, 'N').slice(0, 80)
}

/** Counts one rejected input under its {@link rejectionKey}. */
export function countRejection(stats: AppStats, reason: string): void {
  const key = rejectionKey(reason)
  stats.rejected.set(key, (stats.rejected.get(key) ?? 0) + 1)
}
