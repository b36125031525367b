/**
 * A short timed run of the job's own model and batch size on one backend.
 *
 * @remarks
 * Warm-up steps are timed one by one (a first GPU step compiles shaders) for at least
 * `PROBE_WARMUP_STEPS` steps and `PROBE_WARMUP_MS` (wasm tiers up meanwhile). Then steps run in
 * groups read back once per group, as the real inner loop does, sized from the last warm-up step so
 * that `PROBE_MIN_GROUPS` groups fit in `PROBE_MEASURE_BUDGET_MS`, until `PROBE_MAX_STEPS` or the
 * budget. A backend far slower than the best so far is abandoned (`PROBE_ABANDON_*`): it cannot
 * win, and a software GPU can take seconds a step; its time so far stands.
 */
import type { DecodedDataset, JobManifest } from '../../shared/job/index.ts'
import { initialWeights, weightLayout } from '../../shared/model/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import {
  PROBE_ABANDON_FACTOR,
  PROBE_ABANDON_FIRST_FACTOR,
  PROBE_ABANDON_FIRST_FLOOR_MS,
  PROBE_ABANDON_FLOOR_MS,
  PROBE_GROUP_MAX_STEPS,
  PROBE_MAX_STEPS,
  PROBE_MEASURE_BUDGET_MS,
  PROBE_MIN_GROUPS,
  PROBE_WARMUP_MAX_STEPS,
  PROBE_WARMUP_MS,
  PROBE_WARMUP_STEPS,
} from '../constants.ts'
import { createBatchBuffers, fillBatch } from '../data/batch.ts'
import { now, throwIfAborted, yieldToEventLoop } from '../platform.ts'
import { tf } from '../tf.ts'
import { AdamW } from '../train/adamw.ts'
import { TfModel } from '../train/model.ts'
import { median } from '../train/round.ts'
import { readLosses, trainStep } from '../train/step.ts'

/** The outcome of a measurement. */
export interface Measurement {
  /** Median time of one step, in ms. */
  readonly stepMs: number
  readonly timedSteps: number
  /** True when stopped early for being far slower than the best so far. */
  readonly abandoned: boolean
}

/** Times training steps of the job's model on the active backend; frees everything it made. */
export async function measureActiveBackend(
  job: JobManifest,
  train: DecodedDataset,
  bestSoFar: number | undefined,
  signal?: AbortSignalLike,
): Promise<Measurement> {
  const layout = weightLayout(job.model)
  const model = new TfModel(job.model, layout, initialWeights(job.model, job.seed))
  const optimizer = new AdamW(
    job.training.optimizer,
    model.variables,
    layout.tensors.map((t) => t.role === 'kernel'),
  )
  const { rows, cols, channels, classes } = train.header
  const size = job.training.batchSize
  const buf = createBatchBuffers(size, rows * cols * channels, classes)
  fillBatch(
    train,
    Uint32Array.from({ length: Math.min(size, train.header.count) }, (_, i) => i),
    0,
    buf,
  )
  const x = tf.tensor4d(buf.x, [size, rows, cols, channels])
  const y = tf.tensor2d(buf.y, [size, classes])
  const tooSlow = (ms: number, first: boolean): boolean =>
    bestSoFar !== undefined &&
    ms > (first ? PROBE_ABANDON_FIRST_FLOOR_MS : PROBE_ABANDON_FLOOR_MS) &&
    ms > (first ? PROBE_ABANDON_FIRST_FACTOR : PROBE_ABANDON_FACTOR) * bestSoFar
  const group = async (n: number): Promise<number> => {
    const start = now()
    const losses: tf.Scalar[] = []
    for (let i = 0; i < n; i++) losses.push(trainStep(model, optimizer, x, y))
    await readLosses(losses)
    return (now() - start) / n
  }
  try {
    const warmupStart = now()
    let last = 0
    for (let i = 0; i < PROBE_WARMUP_MAX_STEPS; i++) {
      if (i >= PROBE_WARMUP_STEPS && now() - warmupStart >= PROBE_WARMUP_MS) break
      throwIfAborted(signal, 'backend measurement')
      last = await group(1)
      if (tooSlow(last, i === 0)) return { stepMs: last, timedSteps: 1, abandoned: true }
      await yieldToEventLoop()
    }
    const perGroup = Math.floor(PROBE_MEASURE_BUDGET_MS / (PROBE_MIN_GROUPS * last))
    const size = Math.max(1, Math.min(PROBE_GROUP_MAX_STEPS, perGroup))
    const times: number[] = []
    let steps = 0
    let spent = 0
    while (
      steps < PROBE_MAX_STEPS &&
      (spent < PROBE_MEASURE_BUDGET_MS || times.length < PROBE_MIN_GROUPS)
    ) {
      throwIfAborted(signal, 'backend measurement')
      const n = Math.min(size, PROBE_MAX_STEPS - steps)
      const perStep = await group(n)
      times.push(perStep)
      steps += n
      spent += perStep * n
      if (tooSlow(perStep, false))
        return { stepMs: median(times), timedSteps: steps, abandoned: true }
      await yieldToEventLoop()
    }
    return { stepMs: median(times), timedSteps: steps, abandoned: false }
  } finally {
    x.dispose()
    y.dispose()
    optimizer.dispose()
    model.dispose()
  }
}
