/**
 * The main-thread client of the trainer worker: turns the flat comlink API of
 * `workers/trainer.worker.ts` back into the `Trainer` interface of `shared/`.
 *
 * @remarks
 * It maps an `AbortSignal` to `abort(callId)`, wraps progress callbacks in `comlink.proxy`, and
 * sends weights as a transferred copy, so the caller keeps its θ while the copy moves to the
 * worker without a structured clone. Errors keep their `name` across the boundary (comlink).
 */
import { proxy, transfer, wrap } from 'comlink'
import type {
  EvalResult,
  EvaluateOptions,
  InitOptions,
  InitReport,
  Trainer,
  TrainerCallOptions,
  TrainPlan,
  TrainProgress,
  TrainResult,
} from '../../shared/trainer/index.ts'
import type { JobManifest } from '../../shared/job/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import type { TrainerWorkerApi } from '../../workers/trainer.worker.ts'

/** A `Trainer` backed by a worker, plus worker-only extras. */
export interface TrainerClient extends Trainer {
  /** tfjs' live tensors in the worker, for leak checks. */
  memory(): Promise<{ numTensors: number; numBytes: number; backend: string }>
  /** Ends the worker. */
  terminate(): void
}

/** Starts the trainer worker (bundled by Vite from its URL). */
export function startTrainerWorker(): Worker {
  return new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trainer',
  })
}

/** Wraps a trainer worker as a `Trainer`. */
export function connectTrainer(worker: Worker): TrainerClient {
  const remote = wrap<TrainerWorkerApi>(worker)
  let nextCallId = 1

  async function call<T>(
    signal: AbortSignalLike | undefined,
    run: (id: number) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted === true) throw abortError()
    const id = nextCallId++
    const onAbort = (): void => void remote.abort(id)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return await run(id)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  const toWorker = (weights: Float32Array): Float32Array => {
    const copy = weights.slice()
    return transfer(copy, [copy.buffer])
  }

  return {
    init: (job: JobManifest, options: InitOptions = {}): Promise<InitReport> =>
      call(options.signal, (id) =>
        remote.init(
          job,
          { backend: options.backend, baseUrl: options.baseUrl ?? document.baseURI },
          options.onProgress === undefined ? undefined : proxy(options.onProgress),
          id,
        ),
      ),
    train: (
      weights: Float32Array,
      plan: TrainPlan,
      onProgress?: (progress: TrainProgress) => void,
      options: TrainerCallOptions = {},
    ): Promise<TrainResult> =>
      call(options.signal, (id) =>
        remote.train(
          toWorker(weights),
          plan,
          onProgress === undefined ? undefined : proxy(onProgress),
          id,
        ),
      ),
    evaluate: (weights: Float32Array, options: EvaluateOptions = {}): Promise<EvalResult> =>
      call(options.signal, (id) => remote.evaluate(toWorker(weights), options.maxSamples, id)),
    pause: () => remote.pause(),
    resume: () => remote.resume(),
    setDutyCycle: (fraction: number) => remote.setDutyCycle(fraction),
    dispose: () => remote.dispose(),
    memory: () => remote.memory(),
    terminate: () => worker.terminate(),
  }
}

function abortError(): Error {
  const err = new Error('operation aborted')
  err.name = 'AbortError'
  return err
}
