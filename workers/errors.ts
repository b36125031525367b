/**
 * Errors the trainer throws. Each sets `name`: comlink rebuilds errors thrown in the worker as
 * plain `Error`s that keep `name` and `message`, so callers branch on `err.name`.
 */

/** Weights of the wrong type or size, or holding NaN or ±Infinity. */
export class InvalidWeightsError extends Error {
  override readonly name = 'InvalidWeightsError'
}

/** A training plan or setting out of range. */
export class InvalidPlanError extends Error {
  override readonly name = 'InvalidPlanError'
}

/** A dataset file is missing, truncated, corrupt or not the one the manifest pins. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError'
}

/** No backend could run the model, or a forced one could not. */
export class BackendError extends Error {
  override readonly name = 'BackendError'
}

/** `train` or `evaluate` before a successful `init`, or after `dispose`. */
export class NotInitializedError extends Error {
  override readonly name = 'NotInitializedError'
  constructor() {
    super('the trainer has no job: call init(job) first')
  }
}

/** The loss became NaN or infinite; the round's Δ would be garbage. */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError'
}

/** The call was cancelled through its `AbortSignal`. */
export class AbortError extends Error {
  override readonly name = 'AbortError'
  constructor(what = 'operation') {
    super(`${what} aborted`)
  }
}

/** A step that has a time limit ran past it. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError'
}
