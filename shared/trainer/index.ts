/**
 * The `Trainer` interface: the node's engine as `shared/` sees it (see DESIGN.md, "Trainer worker").
 *
 * @remarks
 * `SwarmNode` hands the trainer θ_{h−1} and a plan; it gets back the pseudo-gradient
 * Δ = θ_{h−1} − θ_local (DiLoCo, arXiv 2311.08105) and honest metrics. The browser implements it
 * with a Web Worker running tfjs (`workers/`, reached through a comlink client); Node tests and the
 * simulator use the same trainer core in-process. Implementations never keep the caller's
 * `Float32Array`s: Δ is a fresh array the caller owns.
 *
 * Errors are thrown with these `name`s (branch on `err.name`, not `instanceof`, since comlink
 * rebuilds worker errors as plain `Error`s): `InvalidJobError`, `InvalidWeightsError`,
 * `InvalidPlanError`, `DatasetError`, `BackendError`, `NotInitializedError`, `TrainingDivergedError`,
 * `AbortError`, `TimeoutError`.
 */
import type { JobId, JobManifest } from '../job/index.ts'
import type { AbortSignalLike } from '../types/index.ts'

/** A tfjs backend the trainer can run on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu'

/** Options every trainer call takes. */
export interface TrainerCallOptions {
  readonly signal?: AbortSignalLike
}

/** Progress of `init`: downloading and checking data, then measuring backends. */
export interface InitProgress {
  readonly phase: 'download' | 'verify' | 'backend'
  /** What is being worked on: a file path or a backend name. */
  readonly item: string
  /** Bytes (download, verify) or backends (backend) done so far. */
  readonly done: number
  /** The total, when known. */
  readonly total?: number
}

/** Options of `init`. */
export interface InitOptions extends TrainerCallOptions {
  /** Forces one backend instead of measuring (from a URL parameter or the settings). */
  readonly backend?: BackendName
  /** Base URL that the manifest's dataset paths are relative to. */
  readonly baseUrl?: string
  readonly onProgress?: (progress: InitProgress) => void
}

/** What happened when one backend was tried. */
export interface BackendCandidate {
  readonly name: BackendName
  /** `measured`: initialised and timed; `failed`: would not initialise or run; `unsupported`: lacks a kernel the model needs; `skipped`: not timed (measurement switched off). */
  readonly status: 'measured' | 'failed' | 'unsupported' | 'skipped'
  /** Median time of one training step of the job's model and batch, in ms. */
  readonly stepMs?: number
  /** Why it failed or was skipped. */
  readonly detail?: string
  /** WebGPU only: the adapter is a software fallback (e.g. SwiftShader). */
  readonly fallbackAdapter?: boolean
}

/** Which backend the trainer runs on and why. */
export interface BackendReport {
  readonly chosen: BackendName
  /** True when an override picked it rather than measurement. */
  readonly forced: boolean
  /** One sentence with the measured step times behind the choice. */
  readonly reason: string
  readonly candidates: readonly BackendCandidate[]
}

/** The result of `init`. */
export interface InitReport {
  readonly jobId: JobId
  readonly paramCount: number
  readonly backend: BackendReport
  readonly trainExamples: number
  readonly testExamples: number
  /** Time spent downloading, decoding and verifying the dataset, in ms. */
  readonly dataMs: number
}

/** What one round of local training should do. */
export interface TrainPlan {
  /** The height being trained for; with `nodeId` it picks the data shard. */
  readonly height: number
  /** The node's id (hex hash of its public key). */
  readonly nodeId: string
  /** Most inner steps; defaults to the job's H (`training.innerSteps`) and may not exceed it. */
  readonly maxSteps?: number
  /** Wall-clock budget in ms; defaults to the job's `training.roundBudgetMs`. */
  readonly budgetMs?: number
  /** Steps per group: the loss is read back, pause/abort honoured, every this many (default 20). */
  readonly progressEvery?: number
  /** Least time between progress reports, in ms (default 200); 0 reports after every group. */
  readonly progressIntervalMs?: number
  /** Test-only attack, refused unless the job sets `allowTestAttacks`. */
  readonly attack?: 'label-flip'
}

/** Progress of a round, reported every few steps. */
export interface TrainProgress {
  readonly step: number
  readonly maxSteps: number
  readonly samples: number
  /** Mean loss of the steps since the previous report. */
  readonly loss: number
  readonly elapsedMs: number
}

/** Honest measurements of one round. A round can end with 0 steps (paused or out of time before the first step): Δ is then all zeros and the losses and `stepMs` are NaN. */
export interface TrainMetrics {
  readonly steps: number
  readonly samples: number
  /** Mean training loss over all steps of the round. */
  readonly meanLoss: number
  /** Mean loss of the first and last quarter of the steps (at most 10 each), to see the trend. */
  readonly firstLoss: number
  readonly lastLoss: number
  /** Wall time of the round, pauses included, in ms. */
  readonly elapsedMs: number
  /** Time spent computing, pauses and duty-cycle rests excluded, in ms. */
  readonly computeMs: number
  /** Median time of one step, in ms. */
  readonly stepMs: number
  readonly stoppedBy: 'steps' | 'budget'
  readonly backend: BackendName
  readonly shard: { readonly index: number; readonly count: number }
}

/** The outcome of a round: Δ = start − end and its metrics. */
export interface TrainResult {
  readonly delta: Float32Array
  readonly metrics: TrainMetrics
}

/** Loss and accuracy on the job's test set. */
export interface EvalResult {
  readonly loss: number
  readonly accuracy: number
  readonly samples: number
  readonly elapsedMs: number
}

/** Options of `evaluate`. */
export interface EvaluateOptions extends TrainerCallOptions {
  /** Evaluate only the first this many test examples. */
  readonly maxSamples?: number
}

/** The node's training engine. */
export interface Trainer {
  /** Validates the job, loads its data, picks a backend and builds the model. */
  init(job: JobManifest, options?: InitOptions): Promise<InitReport>
  /** Trains one round from `weights`; resolves with Δ = weights − trained weights. */
  train(
    weights: Float32Array,
    plan: TrainPlan,
    onProgress?: (progress: TrainProgress) => void,
    options?: TrainerCallOptions,
  ): Promise<TrainResult>
  /** Loss and accuracy of `weights` on the test set. */
  evaluate(weights: Float32Array, options?: EvaluateOptions): Promise<EvalResult>
  /** Stops stepping until `resume`; a running round waits (its wall-clock budget keeps running). */
  pause(): Promise<void>
  resume(): Promise<void>
  /** Trains only this fraction (0, 1] of wall time, resting in between. */
  setDutyCycle(fraction: number): Promise<void>
  /** Frees every tensor and the data; `init` may be called again. */
  dispose(): Promise<void>
}
