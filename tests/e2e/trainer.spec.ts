/**
 * The trainer worker in headless Chromium, through the lab page: backend choice by measurement
 * (wasm wins here: the only WebGPU adapter is SwiftShader), a forced WebGPU path, a round of
 * training, bad input, and a main thread that never has a long task while the worker trains.
 */
import type { LongTask } from '../../app/lab/main.ts'
import { expect, test } from './fixtures.ts'

/** Long tasks that overlap [from, to] on the page's clock. */
function overlapping(tasks: LongTask[], from: number, to: number): LongTask[] {
  return tasks.filter((t) => t.startTime + t.duration >= from && t.startTime <= to)
}

test.describe('trainer worker', () => {
  test('measures the backends, picks wasm, trains a round and keeps the page responsive', async ({
    page,
    relay,
  }) => {
    await page.goto(relay.href('/lab.html'))
    await page.waitForFunction(() => window.lab !== undefined)
    const from = await page.evaluate(() => window.lab!.now())
    const report = await page.evaluate(() => window.lab!.init())
    expect(report.paramCount).toBe(101_770)
    expect(report.trainExamples).toBe(60_000)
    expect(report.testExamples).toBe(10_000)
    expect(report.backend.forced).toBe(false)
    expect(report.backend.chosen).toBe('wasm')
    const wasm = report.backend.candidates.find((c) => c.name === 'wasm')
    expect(wasm).toMatchObject({ status: 'measured' })
    expect(report.backend.candidates.map((c) => c.name).sort()).toEqual([
      'cpu',
      'wasm',
      'webgl',
      'webgpu',
    ])
    expect(report.backend.reason).toMatch(/^wasm is fastest at [\d.]+ ms\/step/)
    await expect(page.getByTestId('lab-backend')).toHaveText('wasm')

    const round = await page.evaluate(() => window.lab!.trainRound({ maxSteps: 60 }))
    expect(round.deltaLength).toBe(101_770)
    expect(round.deltaFinite).toBe(true)
    expect(round.deltaNorm).toBeGreaterThan(0)
    expect(round.metrics).toMatchObject({
      steps: 60,
      samples: 60 * 64,
      backend: 'wasm',
      stoppedBy: 'steps',
    })
    expect(round.metrics.lastLoss).toBeLessThan(round.metrics.firstLoss)

    const tasks = await page.evaluate(() => window.lab!.longTasks())
    expect(overlapping(tasks, from, round.endedAt)).toEqual([])

    const evaluation = await page.evaluate(() => window.lab!.evaluate())
    expect(evaluation.samples).toBe(10_000)
    expect(evaluation.accuracy).toBeGreaterThan(0.6)
  })

  test('trains on WebGPU when forced, and says the adapter is a fallback', async ({
    page,
    relay,
  }) => {
    await page.goto(relay.href('/lab.html?backend=webgpu'))
    await page.waitForFunction(() => window.lab !== undefined)
    const report = await page.evaluate(() => window.lab!.init())
    expect(report.backend).toMatchObject({ chosen: 'webgpu', forced: true })
    expect(report.backend.candidates).toEqual([
      expect.objectContaining({ name: 'webgpu', status: 'measured', fallbackAdapter: true }),
    ])
    const round = await page.evaluate(() => window.lab!.trainRound({ maxSteps: 10 }))
    expect(round.metrics).toMatchObject({ steps: 10, backend: 'webgpu' })
    expect(round.deltaFinite).toBe(true)
    expect(round.metrics.lastLoss).toBeLessThan(round.metrics.firstLoss)
    const tasks = await page.evaluate(() => window.lab!.longTasks())
    expect(overlapping(tasks, round.startedAt, round.endedAt)).toEqual([])
  })

  test('trains the CNN on WebGL, a backend with the conv backprop kernels wasm lacks', async ({
    page,
    relay,
  }) => {
    await page.goto(relay.href('/lab.html?job=mnist-cnn&backend=webgl'))
    await page.waitForFunction(() => window.lab !== undefined)
    const report = await page.evaluate(() => window.lab!.init())
    expect(report.backend).toMatchObject({ chosen: 'webgl', forced: true })
    expect(report.paramCount).toBe(80 + 1_168 + 784 * 64 + 64 + 650)
    const round = await page.evaluate(() => window.lab!.trainRound({ maxSteps: 8 }))
    expect(round.metrics).toMatchObject({ steps: 8, backend: 'webgl' })
    expect(round.deltaFinite).toBe(true)
    expect(round.metrics.lastLoss).toBeLessThan(round.metrics.firstLoss)
  })

  test('names what is wrong with bad input and stays usable', async ({ page, relay }) => {
    await page.goto(relay.href('/lab.html?backend=wasm'))
    await page.waitForFunction(() => window.lab !== undefined)
    const errors = await page.evaluate(async () => {
      const lab = window.lab!
      const caught = async (run: () => Promise<unknown>): Promise<string> => {
        try {
          await run()
          return 'no error'
        } catch (err) {
          return `${(err as Error).name}: ${(err as Error).message}`
        }
      }
      const job = (await (await fetch('jobs/mnist-mlp.json')).json()) as {
        training: { batchSize: number }
        dataset: { test: { path: string } }
      }
      const badJob = structuredClone(job)
      badJob.training.batchSize = 0
      const missing = structuredClone(job)
      missing.dataset.test.path = 'data/nope.bin.gz'
      const out = {
        badJob: await caught(() => lab.client.init(badJob as never)),
        missing: await caught(() => lab.client.init(missing as never)),
        untrained: await caught(() =>
          lab.client.train(new Float32Array(3), { height: 1, nodeId: 'x' }),
        ),
      }
      await lab.init()
      const nan = new Float32Array(101_770)
      nan[7] = Number.NaN
      return {
        ...out,
        short: await caught(() =>
          lab.client.train(new Float32Array(10), { height: 1, nodeId: 'x' }),
        ),
        nan: await caught(() => lab.client.evaluate(nan)),
        after: await lab.trainRound({ maxSteps: 5 }).then((r) => r.metrics.steps),
      }
    })
    expect(errors.badJob).toContain('InvalidJobError')
    expect(errors.badJob).toContain('training.batchSize: must be ≥ 1, got 0')
    expect(errors.missing).toMatch(/^DatasetError: .*data\/nope\.bin\.gz: missing \(HTTP 404/)
    expect(errors.untrained).toMatch(/^NotInitializedError/)
    expect(errors.short).toBe('InvalidWeightsError: weights have 10 values, the model needs 101770')
    expect(errors.nan).toBe('InvalidWeightsError: weights[7] is NaN; every value must be finite')
    expect(errors.after).toBe(5)
  })
})
