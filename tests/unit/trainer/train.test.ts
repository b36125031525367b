import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainProgress } from '../../../shared/trainer/index.ts'
import { createCore, mlpJob, NODE, theta0 } from './helpers.ts'

describe('TrainerCore.train', () => {
  const job = mlpJob()
  const core = createCore()
  const start = theta0(job)

  beforeAll(async () => {
    await core.init(job)
  })
  afterAll(() => core.dispose())

  it('returns Δ = start − end with the model’s size, finite and non-zero', async () => {
    const { delta, metrics } = await core.train(start, { height: 1, nodeId: NODE, maxSteps: 10 })
    expect(delta).toBeInstanceOf(Float32Array)
    expect(delta.length).toBe(101_770)
    expect(delta.every(Number.isFinite)).toBe(true)
    expect(delta.some((d) => d !== 0)).toBe(true)
    expect(metrics).toMatchObject({ steps: 10, samples: 640, stoppedBy: 'steps', backend: 'wasm' })
    expect(metrics.shard.count).toBe(8)
  })

  it('leaves the caller’s weights untouched', async () => {
    const copy = start.slice()
    await core.train(start, { height: 2, nodeId: NODE, maxSteps: 3 })
    expect(start).toEqual(copy)
  })

  it('lowers the training loss over a round', async () => {
    const { metrics } = await core.train(start, { height: 3, nodeId: NODE, maxSteps: 60 })
    expect(metrics.lastLoss).toBeLessThan(metrics.firstLoss * 0.6)
    expect(metrics.meanLoss).toBeGreaterThan(metrics.lastLoss)
  })

  it('reports progress every few steps', async () => {
    const seen: TrainProgress[] = []
    await core.train(
      start,
      { height: 4, nodeId: NODE, maxSteps: 12, progressEvery: 4, progressIntervalMs: 0 },
      (p) => seen.push(p),
    )
    // Groups end after 4 steps, or earlier when a group runs past MAX_GROUP_MS on a busy machine.
    const steps = seen.map((p) => p.step)
    expect(steps.at(-1)).toBe(12)
    expect(
      steps.every((s, i) => s - (steps[i - 1] ?? 0) >= 1 && s - (steps[i - 1] ?? 0) <= 4),
    ).toBe(true)
    expect(seen.every((p) => p.maxSteps === 12 && Number.isFinite(p.loss))).toBe(true)
    expect(seen.at(-1)?.samples).toBe(12 * 64)
  })

  it('spaces progress reports by the interval, and always reports the last step', async () => {
    const seen: number[] = []
    const plan = {
      height: 5,
      nodeId: NODE,
      maxSteps: 12,
      progressEvery: 1,
      progressIntervalMs: 60_000,
    }
    await core.train(start, plan, (p) => seen.push(p.step))
    expect(seen).toEqual([1, 12])
  })

  it('stops at the time budget before the step limit', async () => {
    const { metrics } = await core.train(start, {
      height: 5,
      nodeId: NODE,
      maxSteps: 100,
      budgetMs: 60,
    })
    expect(metrics.stoppedBy).toBe('budget')
    expect(metrics.steps).toBeLessThan(100)
    // At most one step (plus a read-back) past the budget; generous for a shared machine.
    expect(metrics.elapsedMs).toBeLessThan(60 + 500)
  })

  it('refuses more steps than the job’s H and a budget that is not positive', async () => {
    const H = job.training.innerSteps
    await expect(
      core.train(start, { height: 1, nodeId: NODE, maxSteps: H + 1 }),
    ).rejects.toMatchObject({
      name: 'InvalidPlanError',
      message: `plan.maxSteps: must be an integer from 1 to the job's H = ${H}, got ${H + 1}`,
    })
    await expect(core.train(start, { height: 1, nodeId: NODE, budgetMs: 0 })).rejects.toMatchObject(
      {
        name: 'InvalidPlanError',
      },
    )
  })

  it('refuses the label-flip attack unless the job allows test attacks', async () => {
    await expect(
      core.train(start, { height: 1, nodeId: NODE, maxSteps: 2, attack: 'label-flip' }),
    ).rejects.toThrow('plan.attack: refused: the job does not set allowTestAttacks')
  })
})

describe('TrainerCore cancellation, pause and duty cycle', () => {
  const job = mlpJob()
  const core = createCore()
  const start = theta0(job)

  beforeAll(async () => {
    await core.init(job)
  })
  afterAll(() => core.dispose())

  it('rejects with AbortError when its signal fires, and trains again afterwards', async () => {
    const controller = new AbortController()
    const round = core.train(
      start,
      { height: 1, nodeId: NODE, progressEvery: 2 },
      () => controller.abort(),
      {
        signal: controller.signal,
      },
    )
    await expect(round).rejects.toMatchObject({ name: 'AbortError' })
    const { metrics } = await core.train(start, { height: 2, nodeId: NODE, maxSteps: 2 })
    expect(metrics.steps).toBe(2)
  })

  it('makes no progress while paused and finishes after resume', async () => {
    await core.pause()
    const seen: number[] = []
    const round = core.train(
      start,
      { height: 3, nodeId: NODE, maxSteps: 4, progressEvery: 2, progressIntervalMs: 0 },
      (p) => seen.push(p.step),
    )
    await new Promise((r) => setTimeout(r, 150))
    expect(seen).toEqual([])
    await core.resume()
    const { metrics } = await round
    expect(metrics.steps).toBe(4)
    expect(metrics.elapsedMs).toBeGreaterThanOrEqual(150)
    expect(metrics.computeMs).toBeLessThan(metrics.elapsedMs)
  })

  it('returns a zero Δ and NaN losses when paused for its whole budget', async () => {
    await core.pause()
    const round = core.train(start, { height: 5, nodeId: NODE, budgetMs: 50 })
    await new Promise((r) => setTimeout(r, 100))
    await core.resume()
    const { delta, metrics } = await round
    expect(metrics).toMatchObject({ steps: 0, samples: 0, stoppedBy: 'budget' })
    expect(delta.every((d) => d === 0)).toBe(true)
    expect(metrics.meanLoss).toBeNaN()
  })

  it('rests so that computing takes about the duty cycle of wall time', async () => {
    await core.setDutyCycle(0.5)
    try {
      const { metrics } = await core.train(start, {
        height: 4,
        nodeId: NODE,
        maxSteps: 20,
        progressEvery: 5,
      })
      expect(metrics.elapsedMs / metrics.computeMs).toBeGreaterThan(1.6)
    } finally {
      await core.setDutyCycle(1)
    }
  })

  it('refuses a duty cycle outside (0, 1]', async () => {
    await expect(core.setDutyCycle(0)).rejects.toMatchObject({ name: 'InvalidPlanError' })
    await expect(core.setDutyCycle(1.5)).rejects.toMatchObject({ name: 'InvalidPlanError' })
  })
})
