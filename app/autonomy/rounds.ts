/**
 * The node's round outcomes for the autonomy loop, derived from what the node itself saw: when it
 * began training for a height, when that training finished (the trainer's metrics), and whether
 * the certified block of that height included its update.
 *
 * @remarks
 * An outcome is final once the block of its height is applied, so it is written then and never
 * changed. A round counts as trained only when the node trained it undisturbed: a round during
 * which the node was paused, left the swarm or resynced, or whose training failed, is neither a
 * miss nor a success (the loop's streaks skip it), so a pause never reads as "too slow". A round
 * whose training had not finished when its block was applied missed the deadline; one that
 * finished before was submitted (the chain app publishes the update as soon as training ends),
 * and accepted if the block's aggregation lists this node.
 */
import type { RoundOutcome, TrainingReading } from '../../shared/autonomy/index.ts'
import type { LocalTrainer } from '../../shared/chain/index.ts'
import type { TrainMetrics } from '../../shared/trainer/index.ts'
import type { AbortSignalLike, Height } from '../../shared/types/index.ts'

/** Outcomes kept for the loop (it reads at most a few dozen). */
export const MAX_RECENT_ROUNDS = 32

/** Rounds whose block has not been applied yet, at most (older ones are dropped unseen). */
const MAX_OPEN_ROUNDS = 8

interface OpenRound {
  /** Mean training loss, once training finished. */
  loss?: number
  finished: boolean
  /** Paused, left, resynced or failed: the round says nothing about the node's speed. */
  disturbed: boolean
}

/** Tracks this node's rounds from its trainer and the blocks it applies. */
export class RoundTracker {
  readonly #open = new Map<number, OpenRound>()
  #recent: RoundOutcome[] = []
  #training: TrainingReading | undefined
  #inFlight = 0

  /** The latest outcomes, oldest first. */
  recent(): readonly RoundOutcome[] {
    return this.#recent
  }

  /** Step time and backend of the latest finished training. */
  training(): TrainingReading | undefined {
    return this.#training
  }

  /** Whether a round is training now. */
  get busy(): boolean {
    return this.#inFlight > 0
  }

  /** Wraps the chain's trainer so that each round's start, end and failure are seen. */
  wrap(trainer: LocalTrainer): LocalTrainer {
    return {
      train: async (
        weights: Float32Array,
        height: Height,
        signal: AbortSignalLike,
        budgetMs?: number,
      ) => {
        this.started(height)
        this.#inFlight++
        try {
          return await trainer.train(weights, height, signal, budgetMs)
        } catch (err) {
          // An abort means the height ended first: a miss, decided when the block is applied.
          if (!signal.aborted) this.failed(height)
          throw err
        } finally {
          this.#inFlight--
        }
      },
    }
  }

  /** The node began training for `height`. */
  started(height: number): void {
    this.#open.set(height, { finished: false, disturbed: false })
    for (const h of [...this.#open.keys()].sort((a, b) => a - b)) {
      if (this.#open.size <= MAX_OPEN_ROUNDS) break
      this.#open.delete(h)
    }
  }

  /** Training for `height` finished with these metrics (the hook of `localTrainer`). */
  trained(height: number, metrics: Pick<TrainMetrics, 'meanLoss' | 'stepMs' | 'backend'>): void {
    this.#training = {
      ...(Number.isFinite(metrics.stepMs) && metrics.stepMs >= 0 ? { stepMs: metrics.stepMs } : {}),
      backend: metrics.backend,
    }
    const round = this.#open.get(height)
    if (round === undefined) return
    round.finished = true
    if (Number.isFinite(metrics.meanLoss)) round.loss = metrics.meanLoss
  }

  /** Training for `height` failed (not by the height's end). */
  failed(height: number): void {
    const round = this.#open.get(height)
    if (round !== undefined && !round.finished) round.disturbed = true
  }

  /** The node stopped contributing for a while (paused, left, resynced): open rounds do not count. */
  disturb(): void {
    for (const round of this.#open.values()) if (!round.finished) round.disturbed = true
  }

  /** The block of `height` was applied; `included`: it aggregated this node's update. */
  applied(height: number, included: boolean): void {
    const round = this.#open.get(height)
    for (const h of this.#open.keys()) if (h <= height) this.#open.delete(h)
    const submitted = round?.finished === true
    const outcome: RoundOutcome = {
      height,
      submitted,
      missedDeadline: round !== undefined && !round.finished && !round.disturbed,
      accepted: submitted && included,
      ...(submitted && round.loss !== undefined ? { trainLoss: round.loss } : {}),
    }
    const last = this.#recent[this.#recent.length - 1]
    // A resync may apply heights again: keep one outcome per height, in order.
    if (last !== undefined && last.height >= height) {
      this.#recent = this.#recent.filter((r) => r.height < height)
    }
    this.#recent = [...this.#recent, outcome].slice(-MAX_RECENT_ROUNDS)
  }
}
