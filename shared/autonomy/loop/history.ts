/**
 * The loop's bounded memory: the latest round outcomes (by height, de-duplicated) and token
 * balance samples, and the statistics Monitor and Reflect derive from them.
 *
 * @remarks
 * Rounds in which the node did not train (paused, catching up) are neither misses nor successes:
 * they are skipped by the streaks, so a pause never reads as "the node is too slow".
 */
import {
  ACCEPTANCE_WINDOW,
  HISTORY_ROUNDS,
  LOSS_TREND_WINDOW,
  MAX_BALANCE_SAMPLES,
  MIN_LOSS_POINTS,
  MIN_TOKENS_SPAN_MS,
  TOKENS_WINDOW_MS,
} from '../constants.ts'
import type { RoundOutcome } from './ports.ts'

/** Acceptance of the node's own updates over a window. */
export interface Acceptance {
  readonly rate: number | undefined
  readonly samples: number
}

const HOUR_MS = 3_600_000

/** Bounded history of rounds and balances. */
export class History {
  #rounds: RoundOutcome[] = []
  #balances: { at: number; balance: number }[] = []

  /** Adds the outcomes not seen before; returns how many were new. */
  addRounds(recent: readonly RoundOutcome[]): number {
    const known = new Set(this.#rounds.map((r) => r.height))
    const oldest = this.#rounds.length >= HISTORY_ROUNDS ? (this.#rounds[0]?.height ?? 0) : -1
    let added = 0
    for (const outcome of recent) {
      if (!isOutcome(outcome) || known.has(outcome.height) || outcome.height < oldest) continue
      known.add(outcome.height)
      this.#rounds.push({ ...outcome })
      added += 1
    }
    if (added > 0) {
      this.#rounds.sort((a, b) => a.height - b.height)
      this.#rounds = this.#rounds.slice(-HISTORY_ROUNDS)
    }
    return added
  }

  /** Records the balance at `at`; a clock that went backwards restarts the samples. */
  addBalance(at: number, balance: number): void {
    if (!Number.isFinite(balance) || !Number.isFinite(at)) return
    const last = this.#balances[this.#balances.length - 1]
    if (last !== undefined && at < last.at) this.#balances = []
    this.#balances.push({ at, balance })
    this.#balances = this.#balances.filter((s) => s.at >= at - TOKENS_WINDOW_MS)
    if (this.#balances.length > MAX_BALANCE_SAMPLES) {
      this.#balances = this.#balances.slice(-MAX_BALANCE_SAMPLES)
    }
  }

  /** The highest height seen, or undefined before any. */
  latestHeight(): number | undefined {
    return this.#rounds[this.#rounds.length - 1]?.height
  }

  /** Trained rounds in a row, newest first, that missed (`missed`) or met the deadline. */
  streak(missed: boolean, afterHeight = -Infinity): number {
    let count = 0
    for (let i = this.#rounds.length - 1; i >= 0; i--) {
      const r = this.#rounds[i]
      if (r === undefined || r.height <= afterHeight) break
      if (!r.submitted && !r.missedDeadline) continue
      if (r.missedDeadline !== missed) break
      count += 1
    }
    return count
  }

  /** Share of the latest `ACCEPTANCE_WINDOW` own updates (after `afterHeight`) that were accepted. */
  acceptance(afterHeight = -Infinity): Acceptance {
    const mine = this.#rounds.filter((r) => r.submitted && r.height > afterHeight)
    const window = mine.slice(-ACCEPTANCE_WINDOW)
    if (window.length === 0) return { rate: undefined, samples: 0 }
    const accepted = window.filter((r) => r.accepted).length
    return { rate: accepted / window.length, samples: window.length }
  }

  /** Least-squares slope of the training loss per height over the latest rounds. */
  lossTrend(): number | undefined {
    const points = this.#rounds
      .filter((r) => r.trainLoss !== undefined && Number.isFinite(r.trainLoss))
      .slice(-LOSS_TREND_WINDOW)
    if (points.length < MIN_LOSS_POINTS) return undefined
    const n = points.length
    const meanX = points.reduce((s, p) => s + p.height, 0) / n
    const meanY = points.reduce((s, p) => s + (p.trainLoss ?? 0), 0) / n
    let sxy = 0
    let sxx = 0
    for (const p of points) {
      sxy += (p.height - meanX) * ((p.trainLoss ?? 0) - meanY)
      sxx += (p.height - meanX) ** 2
    }
    return sxx === 0 ? undefined : sxy / sxx
  }

  /** Net rUv gained per hour over the last hour, once samples span a minute. */
  tokensPerHour(): number | undefined {
    const first = this.#balances[0]
    const last = this.#balances[this.#balances.length - 1]
    if (first === undefined || last === undefined) return undefined
    const span = last.at - first.at
    if (span < MIN_TOKENS_SPAN_MS) return undefined
    return ((last.balance - first.balance) * HOUR_MS) / span
  }
}

function isOutcome(r: RoundOutcome): boolean {
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isSafeInteger(r.height) &&
    r.height >= 0 &&
    typeof r.submitted === 'boolean' &&
    typeof r.missedDeadline === 'boolean' &&
    typeof r.accepted === 'boolean'
  )
}
