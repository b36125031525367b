/**
 * `TrainerCore`: the `Trainer` of `shared/trainer`, in-process. The Web Worker wraps it with
 * comlink (`trainer.worker.ts`); Node tests and the simulator use it directly (cpu or wasm).
 *
 * @remarks
 * One operation at a time: `init`, `train`, `evaluate` and `dispose` queue behind each other,
 * while `pause`, `resume` and `setDutyCycle` act at once on a running round. Any failure leaves
 * the trainer usable: a bad manifest, bad weights or a bad plan are refused before anything
 * changes, and a failed `init` keeps the previous job ready. The model's variables and optimizer
 * moments live across rounds; every other tensor is freed within its step.
 */
import type { DecodedDataset, JobId, JobManifest, ShardChoice } from '../shared/job/index.ts'
import { chooseShard, jobId, parseJob, shardOrder, trainPermutation } from '../shared/job/index.ts'
import { checkWeights, initialWeights, weightLayout } from '../shared/model/index.ts'
import type { WeightLayout } from '../shared/model/index.ts'
import type {
  BackendName,
  BackendReport,
  EvalResult,
  EvaluateOptions,
  InitOptions,
  InitReport,
  Trainer,
  TrainerCallOptions,
  TrainPlan,
  TrainProgress,
  TrainResult,
} from '../shared/trainer/index.ts'
import { activateBackend } from './backend/activate.ts'
import { chooseBackend } from './backend/choose.ts'
import { createBatchBuffers } from './data/batch.ts'
import type { ByteLoader } from './data/fetch-bytes.ts'
import { browserDataLoader } from './data/cached-bytes.ts'
import { fetchBytes } from './data/fetch-bytes.ts'
import { loadJobData } from './data/load.ts'
import type { JobData } from './data/load.ts'
import { LOSS_WINDOW_STEPS } from './constants.ts'
import { InvalidPlanError, InvalidWeightsError, NotInitializedError } from './errors.ts'
import { now, throwIfAborted } from './platform.ts'
import { tf } from './tf.ts'
import { AdamW } from './train/adamw.ts'
import { evaluateModel } from './train/evaluate.ts'
import { TfModel } from './train/model.ts'
import { resolvePlan } from './train/plan.ts'
import { mean, median, runRound } from './train/round.ts'
import { Schedule } from './train/schedule.ts'

/** How the core reaches its platform. */
export interface TrainerCoreOptions {
  /** Reads dataset files (default: `fetch` behind the browser's data cache). Node passes a file reader. */
  readonly loader?: ByteLoader
  /** Base URL of dataset paths when `init` gets none (default: the global `location`). */
  readonly baseUrl?: string
  /** Backends to consider, in measuring order. */
  readonly backends?: readonly BackendName[]
  /** Runs before a backend is activated; the worker sets the wasm file paths here. */
  readonly beforeActivate?: (name: BackendName) => void
  /**
   * False skips the timed comparison and takes the first backend of `backends` that initialises
   * (for simulators running many trainers in one process; the browser always measures).
   */
  readonly measure?: boolean
  /**
   * Decoded datasets by SHA-256, shared between trainers in one process so that N simulated
   * nodes hold one copy of MNIST, not N. Default: a private cache.
   */
  readonly datasets?: Map<string, DecodedDataset>
}

/** Everything a ready trainer holds for its job. */
interface Ready {
  readonly job: JobManifest
  readonly id: JobId
  readonly layout: WeightLayout
  readonly data: JobData
  readonly permutation: Uint32Array
  readonly backend: BackendReport
  readonly model: TfModel
  readonly optimizer: AdamW
}

/** The trainer, usable in a Worker or in Node. */
export class TrainerCore implements Trainer {
  private readonly options: TrainerCoreOptions
  private readonly schedule = new Schedule()
  private readonly datasets: Map<string, DecodedDataset>
  private ready: Ready | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(options: TrainerCoreOptions = {}) {
    this.options = options
    this.datasets = options.datasets ?? new Map<string, DecodedDataset>()
  }

  /** The active job's report, if initialised. */
  get backend(): BackendReport | undefined {
    return this.ready?.backend
  }

  async init(job: unknown, options: InitOptions = {}): Promise<InitReport> {
    // Validate before queueing: a bad manifest never disturbs a ready trainer.
    const manifest = parseJob(job)
    return this.exclusive(async () => {
      try {
        return await this.initNow(manifest, options)
      } catch (err) {
        // Measuring may have left tfjs on another backend: go back to the one the old job uses.
        if (this.ready !== undefined) await activateBackend(this.ready.backend.chosen)
        throw err
      }
    })
  }

  train(
    weights: Float32Array,
    plan: TrainPlan,
    onProgress?: (progress: TrainProgress) => void,
    options: TrainerCallOptions = {},
  ): Promise<TrainResult> {
    // Copied now: the caller may change its θ while this call waits in the queue or trains.
    const snapshot = weights instanceof Float32Array ? weights.slice() : weights
    return this.exclusive(async () => {
      const ready = this.require()
      const start = checked(snapshot, ready.layout)
      const resolved = resolvePlan(ready.job, plan)
      throwIfAborted(options.signal, 'training')
      const { sharding } = ready.job.dataset
      const shard: ShardChoice = chooseShard(
        ready.job.seed,
        sharding.shards,
        resolved.nodeId,
        resolved.height,
      )
      const { rows, cols, channels, classes } = ready.data.train.header
      ready.model.setWeights(start)
      const stats = await runRound({
        model: ready.model,
        optimizer: ready.optimizer,
        data: ready.data.train,
        order: shardOrder(ready.permutation, shard),
        batch: createBatchBuffers(ready.job.training.batchSize, rows * cols * channels, classes),
        flipLabels: resolved.flipLabels,
        maxSteps: resolved.maxSteps,
        budgetMs: resolved.budgetMs,
        progressEvery: resolved.progressEvery,
        progressIntervalMs: resolved.progressIntervalMs,
        schedule: this.schedule,
        signal: options.signal,
        onProgress,
      })
      const end = await ready.model.readWeights()
      const delta = new Float32Array(start.length)
      for (let i = 0; i < delta.length; i++) delta[i] = (start[i] as number) - (end[i] as number)
      const window = Math.max(1, Math.min(LOSS_WINDOW_STEPS, Math.floor(stats.steps / 4)))
      return {
        delta,
        metrics: {
          steps: stats.steps,
          samples: stats.steps * ready.job.training.batchSize,
          meanLoss: mean(stats.losses),
          firstLoss: mean(stats.losses.subarray(0, window)),
          lastLoss: mean(stats.losses.subarray(stats.steps - window)),
          elapsedMs: stats.elapsedMs,
          computeMs: stats.computeMs,
          stepMs: median(stats.groupStepMs),
          stoppedBy: stats.stoppedBy,
          backend: ready.backend.chosen,
          shard: { index: shard.index, count: shard.count },
        },
      }
    })
  }

  evaluate(weights: Float32Array, options: EvaluateOptions = {}): Promise<EvalResult> {
    return this.exclusive(async () => {
      const ready = this.require()
      ready.model.setWeights(checked(weights, ready.layout))
      const count = ready.data.test.header.count
      const samples = options.maxSamples ?? count
      if (!(Number.isSafeInteger(samples) && samples >= 1)) {
        throw new InvalidPlanError(`maxSamples must be a positive integer, got ${String(samples)}`)
      }
      return evaluateModel(ready.model, ready.data.test, Math.min(samples, count), options.signal)
    })
  }

  pause(): Promise<void> {
    return settle(() => this.schedule.pause())
  }

  resume(): Promise<void> {
    return settle(() => this.schedule.resume())
  }

  setDutyCycle(fraction: number): Promise<void> {
    return settle(() => this.schedule.setDutyCycle(fraction))
  }

  dispose(): Promise<void> {
    return this.exclusive(() => {
      this.release(this.ready)
      this.ready = undefined
      if (this.options.datasets === undefined) this.datasets.clear()
      return Promise.resolve()
    })
  }

  private async initNow(job: JobManifest, options: InitOptions): Promise<InitReport> {
    const dataStart = now()
    const baseUrl =
      options.baseUrl ?? this.options.baseUrl ?? globalThis.location?.href ?? 'file:///'
    const data = await loadJobData(job, {
      loader: this.options.loader ?? browserDataLoader(fetchBytes),
      baseUrl,
      signal: options.signal,
      onProgress: options.onProgress,
      cache: this.datasets,
    })
    const dataMs = now() - dataStart
    const backend = await chooseBackend(job, data.train, {
      override: options.backend,
      order: this.options.backends,
      measure: this.options.measure,
      beforeActivate: this.options.beforeActivate,
      signal: options.signal,
      onProgress: options.onProgress,
    })
    const layout = weightLayout(job.model)
    const model = new TfModel(job.model, layout, initialWeights(job.model, job.seed))
    const kernels = layout.tensors.map((t) => t.role === 'kernel')
    const next: Ready = {
      job,
      id: jobId(job),
      layout,
      data,
      permutation: trainPermutation(data.train.header.count, job.seed),
      backend,
      model,
      optimizer: new AdamW(job.training.optimizer, model.variables, kernels),
    }
    this.release(this.ready)
    this.ready = next
    for (const [hash] of this.datasets) {
      if (hash !== job.dataset.train.sha256 && hash !== job.dataset.test.sha256)
        this.datasets.delete(hash)
    }
    return {
      jobId: next.id,
      paramCount: layout.paramCount,
      backend,
      trainExamples: data.train.header.count,
      testExamples: data.test.header.count,
      dataMs,
    }
  }

  private require(): Ready {
    if (this.ready === undefined) throw new NotInitializedError()
    return this.ready
  }

  private release(ready: Ready | undefined): void {
    ready?.optimizer.dispose()
    ready?.model.dispose()
  }

  /** Runs `task` after every earlier queued task, whatever their outcome. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

/** Runs `fn` now; a throw becomes a rejected promise, like an async function's. */
function settle(fn: () => void): Promise<void> {
  return new Promise((resolve) => {
    fn()
    resolve()
  })
}

/** Validates weights against the layout; throws `InvalidWeightsError`. */
function checked(weights: unknown, layout: WeightLayout): Float32Array {
  const result = checkWeights(weights, layout.paramCount)
  if (!result.ok) throw new InvalidWeightsError(result.reason)
  return result.value
}

/** Number of tensors alive in tfjs, for leak checks. */
export function liveTensors(): number {
  return tf.memory().numTensors
}
