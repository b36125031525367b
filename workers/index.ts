/**
 * The trainer: tfjs in a Web Worker behind one comlink API, and the same core for Node.
 *
 * @remarks
 * - `trainer.worker.ts` is the browser entry: load it with
 *   `new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), { type: 'module' })` and
 *   wrap it with `connectTrainer` (`app/lab/trainer-client.ts`) to get a `Trainer`.
 * - `TrainerCore` is the `Trainer` in-process, for Node tests and the simulator (tfjs cpu or
 *   wasm; pass `measure: false` and a shared `datasets` map when running many of them).
 * - The backend is chosen by a timed run of the job's own model on each backend that can train
 *   it (`backend/choose.ts`); data is real MNIST from `public/data` (`data/`); the inner loop is
 *   AdamW (`train/adamw.ts`) within the round's step and time budget (`train/round.ts`).
 * `app/` may import only types from here.
 */
export type { TrainerWorkerApi, WorkerInitOptions } from './trainer.worker.ts'
export type { TrainerCoreOptions } from './trainer-core.ts'
export type { ByteLoader, LoadOptions } from './data/fetch-bytes.ts'
export { TrainerCore, liveTensors } from './trainer-core.ts'
export { fetchBytes } from './data/fetch-bytes.ts'
export {
  AbortError,
  BackendError,
  DatasetError,
  InvalidPlanError,
  InvalidWeightsError,
  NotInitializedError,
  TimeoutError,
  TrainingDivergedError,
} from './errors.ts'
