/**
 * The trainer lab: loads the trainer worker, shows its backend choice and progress, and exposes
 * `window.lab` for Playwright tests and the benchmark.
 *
 * @remarks
 * A single node, so a round's Δ is applied directly (θ ← θ − Δ: the outer step with lr 1 and no
 * momentum); the swarm's outer optimizer lives in `shared/`. Long tasks on the main thread are
 * recorded with the Long Tasks API, to show training never blocks the page.
 */
import type { JobManifest } from '../../shared/job/index.ts'
import { initialWeights } from '../../shared/model/index.ts'
import type {
  BackendName,
  EvalResult,
  InitReport,
  TrainMetrics,
  TrainPlan,
} from '../../shared/trainer/index.ts'
import { runBaseline } from './baseline-client.ts'
import type { BaselineResult } from './baseline-client.ts'
import { describeError } from '../../shared/node/errors.ts'
import { connectTrainer, startTrainerWorker } from '../node/trainer-client.ts'
import type { TrainerClient } from '../node/trainer-client.ts'
import { createView } from './view.ts'

/** A main-thread task longer than 50 ms, as the Long Tasks API reports it. */
export interface LongTask {
  readonly startTime: number
  readonly duration: number
}

/** What a round returns to tests: metrics and facts about Δ (Δ itself stays in the page). */
export interface RoundSummary {
  readonly metrics: TrainMetrics
  readonly deltaLength: number
  readonly deltaFinite: boolean
  readonly deltaNorm: number
  readonly startedAt: number
  readonly endedAt: number
}

/** `window.lab`. */
export interface LabHandle {
  readonly client: TrainerClient
  readonly jobName: string
  init(): Promise<InitReport>
  trainRound(plan?: Partial<TrainPlan>): Promise<RoundSummary>
  evaluate(maxSamples?: number): Promise<EvalResult>
  /** Long tasks seen since the page loaded (startTime on `performance.now()`'s clock). */
  longTasks(): LongTask[]
  now(): number
  /** A plain tfjs loop on the same model and batch in another worker (benchmark baseline). */
  baseline(backend: BackendName, steps: number): Promise<BaselineResult>
}

declare global {
  interface Window {
    lab?: LabHandle
  }
}

const params = new URLSearchParams(location.search)
const jobName = /^[a-z0-9-]{1,64}$/.test(params.get('job') ?? '')
  ? (params.get('job') as string)
  : 'mnist-mlp'
const backendParam = params.get('backend')
const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu']
const override = BACKENDS.find((b) => b === backendParam)

const longTasks: LongTask[] = []
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      longTasks.push({ startTime: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
} catch {
  // The Long Tasks API is Chromium-only; elsewhere the list stays empty.
}

const root = document.getElementById('lab')
if (root === null) throw new Error('lab.html has no #lab element')
const view = createView(root)
view.set('job', jobName)
const client = connectTrainer(startTrainerWorker())
let job: JobManifest | undefined
let theta: Float32Array | undefined
let height = 0

async function init(): Promise<InitReport> {
  view.set('status', 'loading job')
  const res = await fetch(new URL(`jobs/${jobName}.json`, document.baseURI))
  if (!res.ok) throw new Error(`jobs/${jobName}.json: HTTP ${res.status}`)
  const manifest = (await res.json()) as JobManifest
  const report = await client.init(manifest, {
    backend: override,
    onProgress: (p) => {
      view.set('status', `${p.phase} ${p.item}`)
      view.setProgress(p.done, p.total)
    },
  })
  job = manifest
  theta = initialWeights(manifest.model, manifest.seed)
  height = 0
  view.set('status', 'ready')
  view.set('backend', `${report.backend.chosen}${report.backend.forced ? ' (forced)' : ''}`)
  view.set('reason', report.backend.reason)
  return report
}

async function trainRound(plan: Partial<TrainPlan> = {}): Promise<RoundSummary> {
  if (job === undefined || theta === undefined) throw new Error('call init() first')
  height += 1
  view.set('status', `training height ${height}`)
  const startedAt = performance.now()
  const { delta, metrics } = await client.train(theta, { height, nodeId: 'lab', ...plan }, (p) => {
    view.setProgress(p.step, p.maxSteps)
    view.set(
      'progress',
      `step ${p.step}/${p.maxSteps}, ${p.samples} samples, ${p.elapsedMs.toFixed(0)} ms`,
    )
    view.set('loss', p.loss.toFixed(4))
  })
  const endedAt = performance.now()
  let norm = 0
  let finite = true
  const next = new Float32Array(theta.length)
  for (let i = 0; i < delta.length; i++) {
    const d = delta[i] as number
    finite &&= Number.isFinite(d)
    norm += d * d
    next[i] = (theta[i] as number) - d
  }
  theta = next
  view.set(
    'status',
    `trained height ${height}: ${metrics.steps} steps, ${metrics.stepMs.toFixed(1)} ms/step`,
  )
  view.set('loss', metrics.lastLoss.toFixed(4))
  return {
    metrics,
    deltaLength: delta.length,
    deltaFinite: finite,
    deltaNorm: Math.sqrt(norm),
    startedAt,
    endedAt,
  }
}

async function evaluate(maxSamples?: number): Promise<EvalResult> {
  if (theta === undefined) throw new Error('call init() first')
  view.set('status', 'evaluating')
  const result = await client.evaluate(theta, { maxSamples })
  view.set(
    'accuracy',
    `${(result.accuracy * 100).toFixed(2)}% (loss ${result.loss.toFixed(4)}, ${result.samples} examples)`,
  )
  view.set('status', 'ready')
  return result
}

const report = (err: unknown): void => view.set('status', `error: ${describeError(err)}`)
view.buttons.init.onclick = () => void init().catch(report)
view.buttons.train.onclick = () => void trainRound().catch(report)
view.buttons.evaluate.onclick = () => void evaluate().catch(report)
view.buttons.pause.onclick = () => void client.pause()
view.buttons.resume.onclick = () => void client.resume()
view.duty.onchange = () => void client.setDutyCycle(Number(view.duty.value)).catch(report)

window.lab = {
  client,
  jobName,
  init,
  trainRound,
  evaluate,
  longTasks: () => [...longTasks],
  now: () => performance.now(),
  baseline: async (backend, steps) => {
    const manifest =
      job ??
      ((await (
        await fetch(new URL(`jobs/${jobName}.json`, document.baseURI))
      ).json()) as JobManifest)
    return runBaseline(manifest, backend, steps)
  },
}
if (params.get('autoinit') === '1') void init().catch(report)
