/**
 * The inner loop of one round: up to `maxSteps` AdamW steps within `budgetMs` of wall time,
 * whichever comes first.
 *
 * @remarks
 * Steps run in groups: the losses of a group are read back in one device round trip, which is
 * when the step time is measured, pause and abort are honoured, the duty-cycle rest is taken and
 * progress is reported (at most every `progressIntervalMs`, and after the last step: each
 * report is a message to the page, and reporting every 90 ms cost a few percent of a round). Groups end after `progressEvery` steps or `MAX_GROUP_MS`, so the
 * worker answers messages several times a second, and a GPU backend is never more than a group
 * ahead of the clock. The round stops before a step that would overrun the budget (estimated
 * from the last group), so a slow device returns on time with fewer steps.
 */
import type { DecodedDataset } from '../../shared/job/index.ts'
import type { TrainProgress } from '../../shared/trainer/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import { MAX_GROUP_MS } from '../constants.ts'
import type { BatchBuffers } from '../data/batch.ts'
import { fillBatch } from '../data/batch.ts'
import { TrainingDivergedError } from '../errors.ts'
import { now, throwIfAborted } from '../platform.ts'
import { tf } from '../tf.ts'
import type { AdamW } from './adamw.ts'
import type { TfModel } from './model.ts'
import type { Schedule } from './schedule.ts'
import { readLosses, trainStep } from './step.ts'

/** Everything one round needs. */
export interface RoundInput {
  readonly model: TfModel
  readonly optimizer: AdamW
  readonly data: DecodedDataset
  /** Example indices in visiting order (wraps around). */
  readonly order: Uint32Array
  readonly batch: BatchBuffers
  readonly flipLabels: boolean
  readonly maxSteps: number
  readonly budgetMs: number
  readonly progressEvery: number
  readonly progressIntervalMs: number
  readonly schedule: Schedule
  readonly signal?: AbortSignalLike
  readonly onProgress?: (progress: TrainProgress) => void
}

/** What a round did. */
export interface RoundStats {
  readonly steps: number
  readonly losses: Float32Array
  readonly elapsedMs: number
  readonly computeMs: number
  /** Per-step time of each group, in ms. */
  readonly groupStepMs: readonly number[]
  readonly stoppedBy: 'steps' | 'budget'
}

/** Runs the inner loop; rejects with `AbortError` or `TrainingDivergedError`. */
export async function runRound(input: RoundInput): Promise<RoundStats> {
  const { model, optimizer, data, order, batch, maxSteps, budgetMs, schedule, signal } = input
  const { rows, cols, channels, classes } = data.header
  const start = now()
  const losses = new Float32Array(maxSteps)
  const groupStepMs: number[] = []
  let steps = 0
  let cursor = 0
  let computeMs = 0
  let estimate = 0
  let lastReport = -Infinity
  let windowLoss = 0
  let windowSteps = 0
  const overBudget = (): boolean => now() - start + estimate > budgetMs
  while (steps < maxSteps) {
    await schedule.gate(signal)
    throwIfAborted(signal, 'training')
    if (overBudget()) break
    const groupStart = now()
    const pending: tf.Scalar[] = []
    try {
      while (steps + pending.length < maxSteps) {
        fillBatch(data, order, cursor, batch, input.flipLabels)
        cursor = (cursor + batch.size) % order.length
        const x = tf.tensor4d(batch.x, [batch.size, rows, cols, channels])
        const y = tf.tensor2d(batch.y, [batch.size, classes])
        pending.push(trainStep(model, optimizer, x, y))
        x.dispose()
        y.dispose()
        if (
          pending.length >= input.progressEvery ||
          now() - groupStart >= MAX_GROUP_MS ||
          overBudget()
        )
          break
      }
    } catch (err) {
      for (const l of pending) l.dispose()
      throw err
    }
    const values = await readLosses(pending)
    const groupMs = now() - groupStart
    losses.set(values, steps)
    steps += values.length
    computeMs += groupMs
    estimate = groupMs / values.length
    groupStepMs.push(estimate)
    const bad = values.findIndex((v) => !Number.isFinite(v))
    if (bad >= 0) {
      throw new TrainingDivergedError(
        `the loss became ${values[bad]} at step ${steps - values.length + bad + 1}`,
      )
    }
    windowLoss += sum(values)
    windowSteps += values.length
    if (now() - lastReport >= input.progressIntervalMs || steps >= maxSteps) {
      input.onProgress?.({
        step: steps,
        maxSteps,
        samples: steps * batch.size,
        loss: windowLoss / windowSteps,
        elapsedMs: now() - start,
      })
      lastReport = now()
      windowLoss = 0
      windowSteps = 0
    }
    await schedule.rest(groupMs, signal)
  }
  return {
    steps,
    losses: losses.subarray(0, steps),
    elapsedMs: now() - start,
    computeMs,
    groupStepMs,
    stoppedBy: steps >= maxSteps ? 'steps' : 'budget',
  }
}

/** Sum of the values. */
function sum(values: ArrayLike<number>): number {
  let total = 0
  for (let i = 0; i < values.length; i++) total += values[i] as number
  return total
}

/** Arithmetic mean (NaN for an empty array). */
export function mean(values: ArrayLike<number>): number {
  return sum(values) / values.length
}

/** Median (NaN for an empty array). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
