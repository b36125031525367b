/**
 * Choosing the backend by measurement (see DESIGN.md, "Trainer worker").
 *
 * @remarks
 * Every backend in `BACKEND_ORDER` that is registered, implements the kernels the model's layers
 * need for training (wasm has no `Conv2DBackpropFilter`, so it cannot train the CNN) and
 * initialises within `SET_BACKEND_TIMEOUT_MS` runs a short timed training run of the job's model
 * (`measure.ts`); close contenders run a second time. The fastest median step wins, except that a WebGPU *fallback* adapter (software,
 * e.g. SwiftShader) wins only if it beats the best other backend by `FALLBACK_ADAPTER_MARGIN`.
 * An override skips the comparison but still measures the forced backend for the report; a forced
 * backend that cannot run is an error, never a silent fallback.
 */
import type { DecodedDataset, JobManifest } from '../../shared/job/index.ts'
import type {
  BackendCandidate,
  BackendName,
  BackendReport,
  InitProgress,
} from '../../shared/trainer/index.ts'
import type { AbortSignalLike } from '../../shared/types/index.ts'
import {
  BACKEND_ORDER,
  FALLBACK_ADAPTER_MARGIN,
  PROBE_CONTENDER_FACTOR,
  TRAINING_KERNELS,
} from '../constants.ts'
import { BackendError } from '../errors.ts'
import { throwIfAborted } from '../platform.ts'
import { activateBackend, isRegistered, missingKernels } from './activate.ts'
import { measureActiveBackend } from './measure.ts'
import { describeWebGpuAdapter } from './webgpu-adapter.ts'

/** Options of `chooseBackend`. */
export interface ChooseOptions {
  readonly override?: BackendName
  /** Backends to consider, in measuring order (default `BACKEND_ORDER`). */
  readonly order?: readonly BackendName[]
  /** False: take the first backend that initialises, without timing (simulators). */
  readonly measure?: boolean
  /** Called before a backend is first activated (the wasm file paths are set here). */
  readonly beforeActivate?: (name: BackendName) => void
  readonly signal?: AbortSignalLike
  readonly onProgress?: (progress: InitProgress) => void
}

/** Tries, measures and activates a backend for the job; throws `BackendError` if none can train. */
export async function chooseBackend(
  job: JobManifest,
  train: DecodedDataset,
  options: ChooseOptions = {},
): Promise<BackendReport> {
  const order =
    options.override !== undefined ? [options.override] : (options.order ?? BACKEND_ORDER)
  if (options.measure === false) return firstThatWorks(job, order, options)
  const candidates: BackendCandidate[] = []
  let best: number | undefined
  for (const [i, name] of order.entries()) {
    throwIfAborted(options.signal, 'init')
    options.onProgress?.({ phase: 'backend', item: name, done: i, total: order.length })
    const candidate = await tryBackend(name, job, train, best, options)
    candidates.push(candidate)
    if (
      candidate.status === 'measured' &&
      candidate.stepMs !== undefined &&
      candidate.fallbackAdapter !== true
    ) {
      best = Math.min(best ?? Infinity, candidate.stepMs)
    }
  }
  await remeasureContenders(job, train, candidates, options)
  options.onProgress?.({ phase: 'backend', item: 'done', done: order.length, total: order.length })
  const chosen = pickBackend(candidates)
  if (chosen === undefined) {
    const why = candidates.map((c) => `${c.name}: ${c.detail ?? c.status}`).join('; ')
    throw new BackendError(
      options.override !== undefined
        ? `forced backend ${options.override} cannot train this model (${why})`
        : `no backend can train this model (${why})`,
    )
  }
  await activateBackend(chosen.name)
  return {
    chosen: chosen.name,
    forced: options.override !== undefined,
    reason: explain(chosen, candidates, options.override !== undefined),
    candidates,
  }
}

/** Activates the first backend of `order` that can train the model, without timing it. */
async function firstThatWorks(
  job: JobManifest,
  order: readonly BackendName[],
  options: ChooseOptions,
): Promise<BackendReport> {
  const candidates: BackendCandidate[] = []
  for (const name of order) {
    const missing = isRegistered(name) ? missingKernels(name, kernelsOf(job)) : []
    if (missing.length > 0) {
      candidates.push({ name, status: 'unsupported', detail: `no ${missing.join(', ')} kernel` })
      continue
    }
    try {
      options.beforeActivate?.(name)
      await activateBackend(name)
      const forced = options.override !== undefined
      candidates.push({ name, status: 'skipped', detail: 'chosen without measuring' })
      return {
        chosen: name,
        forced,
        reason: `${name}: first that initialises (measurement off)`,
        candidates,
      }
    } catch (err) {
      candidates.push({ name, status: 'failed', detail: (err as Error).message })
    }
  }
  const why = candidates.map((c) => `${c.name}: ${c.detail ?? c.status}`).join('; ')
  throw new BackendError(`no backend can train this model (${why})`)
}

/** Kernels the model's layers need for training. */
function kernelsOf(job: JobManifest): string[] {
  return [...new Set(job.model.layers.flatMap((l) => TRAINING_KERNELS[l.type] ?? []))]
}

async function tryBackend(
  name: BackendName,
  job: JobManifest,
  train: DecodedDataset,
  best: number | undefined,
  options: ChooseOptions,
): Promise<BackendCandidate> {
  if (!isRegistered(name))
    return { name, status: 'failed', detail: 'not available in this environment' }
  const missing = missingKernels(name, kernelsOf(job))
  if (missing.length > 0)
    return { name, status: 'unsupported', detail: `no ${missing.join(', ')} kernel` }
  let fallbackAdapter: boolean | undefined
  if (name === 'webgpu') {
    const adapter = await describeWebGpuAdapter()
    if (!adapter.available) return { name, status: 'failed', detail: adapter.description }
    fallbackAdapter = adapter.fallback
  }
  try {
    options.beforeActivate?.(name)
    await activateBackend(name)
    const m = await measureActiveBackend(job, train, best, options.signal)
    const detail = m.abandoned
      ? `abandoned after ${m.timedSteps} step(s): far slower than the best`
      : undefined
    return {
      name,
      status: 'measured',
      stepMs: m.stepMs,
      fallbackAdapter,
      ...(detail === undefined ? {} : { detail }),
    }
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    return { name, status: 'failed', detail: (err as Error).message, fallbackAdapter }
  }
}

/**
 * Measures again, in reverse order, every backend within `PROBE_CONTENDER_FACTOR` of the best and
 * keeps the better of its two medians: noise (a busy core, a background compile) only ever makes
 * a step slower, and the second pass runs in a different order, so drift favours no one.
 */
async function remeasureContenders(
  job: JobManifest,
  train: DecodedDataset,
  candidates: BackendCandidate[],
  options: ChooseOptions,
): Promise<void> {
  const times = candidates
    .filter((c) => c.status === 'measured' && c.detail === undefined)
    .map((c) => c.stepMs!)
  if (times.length < 2) return
  const best = Math.min(...times)
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!
    if (
      c.status !== 'measured' ||
      c.detail !== undefined ||
      c.stepMs! > PROBE_CONTENDER_FACTOR * best
    )
      continue
    throwIfAborted(options.signal, 'init')
    try {
      await activateBackend(c.name)
      const again = await measureActiveBackend(job, train, undefined, options.signal)
      candidates[i] = { ...c, stepMs: Math.min(c.stepMs!, again.stepMs) }
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err
      // The first measurement stands.
    }
  }
}

/** The fastest measured candidate; a fallback adapter must beat the best other by the margin. */
export function pickBackend(candidates: readonly BackendCandidate[]): BackendCandidate | undefined {
  const measured = candidates.filter((c) => c.status === 'measured' && c.stepMs !== undefined)
  const real = measured
    .filter((c) => c.fallbackAdapter !== true)
    .sort((a, b) => a.stepMs! - b.stepMs!)
  const fallback = measured
    .filter((c) => c.fallbackAdapter === true)
    .sort((a, b) => a.stepMs! - b.stepMs!)
  const bestReal = real[0]
  const bestFallback = fallback[0]
  if (bestFallback === undefined) return bestReal
  if (bestReal === undefined) return bestFallback
  return bestFallback.stepMs! <= FALLBACK_ADAPTER_MARGIN * bestReal.stepMs!
    ? bestFallback
    : bestReal
}

function explain(
  chosen: BackendCandidate,
  candidates: readonly BackendCandidate[],
  forced: boolean,
): string {
  const ms = (c: BackendCandidate): string => `${c.stepMs!.toFixed(1)} ms/step`
  const others = candidates
    .filter((c) => c !== chosen)
    .map((c) => {
      if (c.status !== 'measured') return `${c.name} ${c.status}: ${c.detail ?? ''}`.trim()
      return `${c.name} ${ms(c)}${c.fallbackAdapter === true ? ' (fallback adapter)' : ''}${c.detail !== undefined ? ', abandoned' : ''}`
    })
  const head = forced
    ? `${chosen.name} forced by override, measured ${ms(chosen)}`
    : `${chosen.name} is fastest at ${ms(chosen)}`
  return others.length > 0 ? `${head}; ${others.join('; ')}` : head
}
