/** Checking a `TrainPlan` against the job and filling in its defaults. */
import type { JobManifest } from '../../shared/job/index.ts'
import type { TrainPlan } from '../../shared/trainer/index.ts'
import { DEFAULT_PROGRESS_EVERY, PROGRESS_MIN_INTERVAL_MS } from '../constants.ts'
import { InvalidPlanError } from '../errors.ts'

/** A plan with every default applied. */
export interface ResolvedPlan {
  readonly height: number
  readonly nodeId: string
  readonly maxSteps: number
  readonly budgetMs: number
  readonly progressEvery: number
  readonly progressIntervalMs: number
  readonly flipLabels: boolean
}

const isInt = (x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): x is number =>
  Number.isSafeInteger(x) && (x as number) >= min && (x as number) <= max

/** Validates a plan; throws `InvalidPlanError` naming the field. */
export function resolvePlan(job: JobManifest, plan: TrainPlan): ResolvedPlan {
  const fail = (field: string, message: string): never => {
    throw new InvalidPlanError(`plan.${field}: ${message}`)
  }
  if (typeof plan !== 'object' || plan === null)
    throw new InvalidPlanError('plan must be an object')
  const H = job.training.innerSteps
  if (!isInt(plan.height, 0))
    fail('height', `must be a non-negative integer, got ${String(plan.height)}`)
  if (typeof plan.nodeId !== 'string' || plan.nodeId.length === 0 || plan.nodeId.length > 256) {
    fail('nodeId', 'must be a non-empty string of at most 256 characters')
  }
  const maxSteps = plan.maxSteps ?? H
  if (!isInt(maxSteps, 1, H))
    fail('maxSteps', `must be an integer from 1 to the job's H = ${H}, got ${String(maxSteps)}`)
  const budgetMs = plan.budgetMs ?? job.training.roundBudgetMs
  if (!(typeof budgetMs === 'number' && budgetMs > 0 && Number.isFinite(budgetMs))) {
    fail('budgetMs', `must be a positive number of ms, got ${String(budgetMs)}`)
  }
  const progressEvery = plan.progressEvery ?? DEFAULT_PROGRESS_EVERY
  if (!isInt(progressEvery, 1))
    fail('progressEvery', `must be a positive integer, got ${String(progressEvery)}`)
  const progressIntervalMs = plan.progressIntervalMs ?? PROGRESS_MIN_INTERVAL_MS
  if (!(
    typeof progressIntervalMs === 'number' &&
    progressIntervalMs >= 0 &&
    Number.isFinite(progressIntervalMs)
  )) {
    fail(
      'progressIntervalMs',
      `must be a non-negative number of ms, got ${String(progressIntervalMs)}`,
    )
  }
  if (plan.attack !== undefined) {
    if (plan.attack !== 'label-flip')
      fail('attack', `unknown attack ${JSON.stringify(plan.attack)}`)
    if (!job.allowTestAttacks) fail('attack', 'refused: the job does not set allowTestAttacks')
  }
  return {
    height: plan.height,
    nodeId: plan.nodeId,
    maxSteps,
    budgetMs,
    progressEvery,
    progressIntervalMs,
    flipLabels: plan.attack === 'label-flip',
  }
}
