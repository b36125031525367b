/**
 * The trainer Web Worker: `TrainerCore` behind one comlink API (`TrainerWorkerApi`).
 *
 * @remarks
 * comlink cannot carry an `AbortSignal` or a function inside an options object, so the API is
 * flat: progress callbacks are top-level arguments (wrap them in `comlink.proxy`), and each call
 * takes an optional `callId` that `abort(callId)` cancels. Δ comes back transferred, not copied.
 * `app/lab/trainer-client.ts` turns this API back into the `Trainer` interface of `shared/`.
 */
import { expose, transfer } from 'comlink'
import type {
  BackendName,
  EvalResult,
  InitProgress,
  InitReport,
  TrainPlan,
  TrainProgress,
  TrainResult,
} from '../shared/trainer/index.ts'
import { TrainerCore } from './trainer-core.ts'
import { tf } from './tf.ts'
import { configureWasm } from './wasm-files.ts'

/** Options of `init` that can cross the worker boundary. */
export interface WorkerInitOptions {
  readonly backend?: BackendName
  /** Base URL of the dataset paths: the page's URL (a worker's own URL is under /assets/). */
  readonly baseUrl?: string
}

const core = new TrainerCore({
  baseUrl: new URL('/', self.location.href).href,
  beforeActivate: (name) => {
    if (name === 'wasm') configureWasm()
  },
})
const calls = new Map<number, AbortController>()

async function tracked<T>(
  callId: number | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController()
  if (callId !== undefined) calls.set(callId, controller)
  try {
    return await run(controller.signal)
  } finally {
    if (callId !== undefined) calls.delete(callId)
  }
}

/** The worker's API, as seen through `comlink.wrap`. */
const api = {
  /** Validates the job, loads the data, measures backends, builds the model. */
  init(
    job: unknown,
    options: WorkerInitOptions = {},
    onProgress?: (progress: InitProgress) => void,
    callId?: number,
  ): Promise<InitReport> {
    return tracked(callId, (signal) => core.init(job, { ...options, onProgress, signal }))
  },

  /** Trains one round; Δ is transferred to the caller. */
  async train(
    weights: Float32Array,
    plan: TrainPlan,
    onProgress?: (progress: TrainProgress) => void,
    callId?: number,
  ): Promise<TrainResult> {
    const result = await tracked(callId, (signal) =>
      core.train(weights, plan, onProgress, { signal }),
    )
    return transfer(result, [result.delta.buffer])
  },

  /** Loss and accuracy on the test set. */
  evaluate(weights: Float32Array, maxSamples?: number, callId?: number): Promise<EvalResult> {
    return tracked(callId, (signal) => core.evaluate(weights, { maxSamples, signal }))
  },

  /** Cancels the call with this id (a no-op when it already finished). */
  abort(callId: number): void {
    calls.get(callId)?.abort()
  },

  pause: (): Promise<void> => core.pause(),
  resume: (): Promise<void> => core.resume(),
  setDutyCycle: (fraction: number): Promise<void> => core.setDutyCycle(fraction),
  dispose: (): Promise<void> => core.dispose(),

  /** tfjs' live tensor count and bytes, for leak checks. */
  memory(): { numTensors: number; numBytes: number; backend: string } {
    const m = tf.memory()
    return { numTensors: m.numTensors, numBytes: m.numBytes, backend: tf.getBackend() }
  },
}

/** The comlink API of the trainer worker. */
export type TrainerWorkerApi = typeof api

expose(api)
