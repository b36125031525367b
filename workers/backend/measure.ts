/**
 * A short timed run of the job's own model and batch size on one backend.
 *
 * @remarks
 * Warm-up steps are timed one by one (a first GPU step compiles shaders) for at least
 * `PROBE_WARMUP_STEPS` steps and `PROBE_WARMUP_MS` (wasm tiers up meanwhile), then steps run in
 * groups synchronised once per group, as the real inner loop does, until `PROBE_MAX_STEPS` or
 * `PROBE_MEASURE_BUDGET_MS`. A backend whose step is `PROBE_ABANDON_FACTOR` times slower than the
 * best so far (and over `PROBE_ABANDON_FLOOR_MS`) is not worth finishing: its time so far stands.
 */
import type { DecodedDataset, JobManifest } from '../../shared/job/index.ts'
import { initialWeights, weightLayout } from '../../shared/model/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import {
  DEFAULT_PROGRESS_EVERY,
  PROBE_ABANDON_FACTOR,
  PROBE_ABANDON_FLOOR_MS,
  PROBE_MAX_STEPS,
  PROBE_MEASURE_BUDGET_MS,
  PROBE_MIN_STEPS,
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
  const tooSlow = (ms: number): boolean =>
    bestSoFar !== undefined && ms > PROBE_ABANDON_FLOOR_MS && ms > PROBE_ABANDON_FACTOR * bestSoFar
  const group = async (n: number): Promise<number> => {
    const start = now()
    const losses: tf.Scalar[] = []
    for (let i = 0; i < n; i++) losses.push(trainStep(model, optimizer, x, y))
    await readLosses(losses)
    return (now() - start) / n
  }
  try {
    const warmupStart = now()
    for (let i = 0; i < PROBE_WARMUP_MAX_STEPS; i++) {
      if (i >= PROBE_WARMUP_STEPS && now() - warmupStart >= PROBE_WARMUP_MS) break
      throwIfAborted(signal, 'backend measurement')
      const ms = await group(1)
      if (tooSlow(ms)) return { stepMs: ms, timedSteps: 1, abandoned: true }
      await yieldToEventLoop()
    }
    const times: number[] = []
    let steps = 0
    let spent = 0
    while (
      steps < PROBE_MAX_STEPS &&
      (spent < PROBE_MEASURE_BUDGET_MS || steps < PROBE_MIN_STEPS)
    ) {
      throwIfAborted(signal, 'backend measurement')
      const n = Math.min(DEFAULT_PROGRESS_EVERY, PROBE_MAX_STEPS - steps)
      const perStep = await group(n)
      times.push(perStep)
      steps += n
      spent += perStep * n
      if (tooSlow(perStep)) return { stepMs: median(times), timedSteps: steps, abandoned: true }
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
