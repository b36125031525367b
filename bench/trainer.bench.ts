/**
 * Trainer benchmark (`npm run bench -- trainer`): for each tfjs backend that headless Chromium
 * offers, the median step time of our trainer worker against a plain tfjs loop on the same model,
 * batch and backend in the same browser, samples per second, and MNIST test accuracy after one
 * epoch-equivalent (60,000 samples) of single-node training.
 *
 * Our step time is measured from the page: the wall time of `train()` over a round (comlink,
 * weight transfer, batching, progress, read-back of θ and Δ included) divided by its steps. The
 * baseline's is the time of the same number of steps inside its worker (`workers/baseline.worker.ts`).
 * Ratio = baseline / ours, the median over five interleaved pairs (each pair's ratio, so that load
 * from other processes on a shared machine hits both sides alike); the goal is ≥ 0.95. Step times
 * are medians over the five runs.
 *
 * Env: TRAINER_BENCH_JOB (mnist-mlp | mnist-cnn), TRAINER_BENCH_BACKENDS (comma list),
 * TRAINER_BENCH_EPOCH_S (most seconds spent on the accuracy run per backend, default 60; a WebGPU
 * fallback adapter, far too slow to be chosen, is evaluated after its timing runs only).
 */
import { chromium, type Page } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { InitReport } from '../shared/trainer/index.ts'
import type { BaselineResult } from '../app/lab/baseline-client.ts'
import type { RoundSummary } from '../app/lab/main.ts'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'
import { spawnRelay } from '../tests/e2e/relay-process.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const JOB = process.env.TRAINER_BENCH_JOB ?? 'mnist-mlp'
const BACKENDS = (process.env.TRAINER_BENCH_BACKENDS ?? 'wasm,webgl,webgpu,cpu').split(',')
const EPOCH_BUDGET_MS = Number(process.env.TRAINER_BENCH_EPOCH_S ?? 60) * 1000
const REPS = 5
const EPOCH_SAMPLES = 60_000

interface Row {
  backend: string
  probeMs: number
  steps: number
  oursMs: number
  oursInternalMs: number
  baselineMs: number
  ratio: number
  samplesPerS: number
  accuracy: string
  note: string
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForFunction(() => window.lab !== undefined)
}

async function measure(page: Page, href: (path: string) => string, backend: string): Promise<Row> {
  await openLab(page, href(`/lab.html?job=${JOB}&backend=${backend}`))
  const report: InitReport = await page.evaluate(() => window.lab!.init())
  const probeMs = report.backend.candidates[0]?.stepMs ?? NaN
  const batch = 64
  const steps = Math.max(20, Math.min(100, Math.round(2500 / probeMs)))
  await page.evaluate((n) => window.lab!.trainRound({ maxSteps: n }), steps) // warm-up
  const ours: number[] = []
  const internal: number[] = []
  const base_: number[] = []
  for (let r = 0; r < REPS; r++) {
    const round: RoundSummary = await page.evaluate(
      (n) => window.lab!.trainRound({ maxSteps: n }),
      steps,
    )
    ours.push((round.endedAt - round.startedAt) / round.metrics.steps)
    internal.push(round.metrics.stepMs)
    const b: BaselineResult = await page.evaluate(
      ([name, n]) => window.lab!.baseline(name as never, n),
      [backend, steps] as const,
    )
    if (b.backend !== backend) throw new Error(`baseline ran on ${b.backend}, not ${backend}`)
    base_.push(b.totalMs / b.steps)
  }
  const oursMs = median(ours)
  const baselineMs = median(base_)
  // Accuracy: keep training (θ ← θ − Δ each round) up to one epoch-equivalent or the time budget.
  let samples = (1 + REPS) * steps * batch
  const start = Date.now()
  // A fallback adapter is never chosen (it is far slower): its accuracy is only a sanity check.
  const fallback = report.backend.candidates[0]?.fallbackAdapter === true
  const budgetMs = fallback ? 0 : EPOCH_BUDGET_MS
  const roundSteps = Math.min(100, Math.max(10, Math.round(5000 / oursMs)))
  while (samples < EPOCH_SAMPLES && Date.now() - start < budgetMs) {
    const left = Math.ceil((EPOCH_SAMPLES - samples) / batch)
    const r: RoundSummary = await page.evaluate(
      (n) => window.lab!.trainRound({ maxSteps: n }),
      Math.min(roundSteps, left),
    )
    samples += r.metrics.samples
  }
  const evaluation = await page.evaluate(() => window.lab!.evaluate())
  const epochs = samples / EPOCH_SAMPLES
  return {
    backend,
    probeMs,
    steps,
    oursMs,
    oursInternalMs: median(internal),
    baselineMs,
    ratio: median(ours.map((o, i) => base_[i]! / o)),
    samplesPerS: (batch * 1000) / oursMs,
    accuracy: `${(evaluation.accuracy * 100).toFixed(2)}%${epochs < 0.999 ? ` (after ${epochs.toFixed(2)} epoch)` : ''}`,
    note: report.backend.candidates[0]?.fallbackAdapter === true ? 'fallback adapter' : '',
  }
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'trainer-bench-'))
  console.log(`building the app into ${outDir}…`)
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  const relay = await spawnRelay({ staticDir: outDir })
  console.log(`serving it at ${relay.url}`)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const rows: Row[] = []
  try {
    const page = await browser.newPage()
    page.on('pageerror', (err) => console.log(`page error: ${err.message}`))
    await openLab(page, relay.href(`/lab.html?job=${JOB}`))
    const auto: InitReport = await page.evaluate(() => window.lab!.init())
    console.log(`automatic choice: ${auto.backend.chosen} (${auto.backend.reason})`)
    for (const backend of BACKENDS) {
      try {
        rows.push(await measure(page, (p) => relay.href(p), backend))
        console.log(`measured ${backend}`)
      } catch (err) {
        console.log(`${backend}: ${(err as Error).message.split('\n')[0]}`)
      }
    }
    await page.close()
  } finally {
    await browser.close()
    await relay.stop()
    await rm(outDir, { recursive: true, force: true })
  }
  console.log(
    `\njob ${JOB}, batch 64, headless Chromium (${CHROMIUM_PATH}), medians of ${REPS} interleaved runs, ratio = median of per-pair ratios\n`,
  )
  console.log(
    '| backend | probe ms/step | steps/run | ours ms/step | ours (in worker) | plain tfjs ms/step | ratio | samples/s | test accuracy | note |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    console.log(
      `| ${r.backend} | ${r.probeMs.toFixed(1)} | ${r.steps} | ${r.oursMs.toFixed(2)} | ${r.oursInternalMs.toFixed(2)} | ${r.baselineMs.toFixed(2)} | ${r.ratio.toFixed(3)} | ${r.samplesPerS.toFixed(0)} | ${r.accuracy} | ${r.note} |`,
    )
  }
  const low = rows.filter((r) => r.ratio < 0.95)
  if (low.length > 0) console.log(`\nratio below 0.95 on: ${low.map((r) => r.backend).join(', ')}`)
}

await main()
