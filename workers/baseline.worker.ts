/**
 * Benchmark baseline: a plain tfjs training loop on the job's model, batch size and backend, to
 * measure what our trainer adds on top (`bench/trainer.bench.ts`). Not used by the app.
 *
 * @remarks
 * What a tfjs user would write: batches prepared ahead as `Float32Array`s, `tf.train.adam` with
 * `optimizer.minimize`, the same forward pass, and the loss read once per group of steps like our
 * loop (reading it every step would only slow the baseline down on GPU backends).
 */
import { expose } from 'comlink'
import { parseJob } from '../shared/job/index.ts'
import type { DecodedDataset } from '../shared/job/index.ts'
import { initialWeights, weightLayout } from '../shared/model/index.ts'
import type { BackendName } from '../shared/trainer/index.ts'
import { activateBackend } from './backend/activate.ts'
import { DEFAULT_PROGRESS_EVERY } from './constants.ts'
import { createBatchBuffers, fillBatch } from './data/batch.ts'
import { fetchBytes } from './data/fetch-bytes.ts'
import { loadJobData } from './data/load.ts'
import { tf } from './tf.ts'
import { TfModel } from './train/model.ts'
import { configureWasm } from './wasm-files.ts'

const WARMUP_STEPS = 5
const datasets = new Map<string, DecodedDataset>()

const api = {
  /** Times `steps` steps after a warm-up; returns per-group mean step times. */
  async run(
    raw: unknown,
    backend: BackendName,
    steps: number,
    baseUrl: string,
  ): Promise<{ backend: string; groupStepMs: number[]; steps: number; totalMs: number }> {
    const job = parseJob(raw)
    if (backend === 'wasm') configureWasm()
    await activateBackend(backend)
    const data = await loadJobData(job, { loader: fetchBytes, baseUrl, cache: datasets })
    const { rows, cols, channels, classes } = data.train.header
    const size = job.training.batchSize
    const total = WARMUP_STEPS + steps
    const order = Uint32Array.from({ length: data.train.header.count }, (_, i) => i)
    const batches = Array.from({ length: total }, (_, i) => {
      const buf = createBatchBuffers(size, rows * cols * channels, classes)
      fillBatch(data.train, order, i * size, buf)
      return buf
    })
    const model = new TfModel(
      job.model,
      weightLayout(job.model),
      initialWeights(job.model, job.seed),
    )
    const { lr, beta1, beta2, epsilon } = job.training.optimizer
    const optimizer = tf.train.adam(lr, beta1, beta2, epsilon)
    const groupStepMs: number[] = []
    let timedStart = 0
    let i = 0
    while (i < total) {
      if (i === WARMUP_STEPS) timedStart = performance.now()
      const start = performance.now()
      const losses: tf.Scalar[] = []
      const end = i < WARMUP_STEPS ? WARMUP_STEPS : Math.min(total, i + DEFAULT_PROGRESS_EVERY)
      for (; i < end; i++) {
        const b = batches[i]!
        const x = tf.tensor4d(b.x, [size, rows, cols, channels])
        const y = tf.tensor2d(b.y, [size, classes])
        losses.push(optimizer.minimize(() => model.loss(x, y), true, [...model.variables])!)
        x.dispose()
        y.dispose()
      }
      const stacked = tf.stack(losses)
      await stacked.data()
      stacked.dispose()
      for (const l of losses) l.dispose()
      if (i > WARMUP_STEPS) groupStepMs.push((performance.now() - start) / losses.length)
    }
    const totalMs = performance.now() - timedStart
    optimizer.dispose()
    model.dispose()
    return { backend: tf.getBackend(), groupStepMs, steps, totalMs }
  },
}

/** The baseline worker's comlink API. */
export type BaselineApi = typeof api

expose(api)
