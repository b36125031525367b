import { afterAll, describe, expect, it } from 'vitest'
import { liveTensors } from '../../../workers/trainer-core.ts'
import { createCore, mlpJob, NODE, theta0 } from './helpers.ts'

describe('TrainerCore memory', () => {
  const job = mlpJob()
  const core = createCore()
  afterAll(() => core.dispose())

  it('keeps the live tensor count flat over 50 rounds and evaluations', async () => {
    await core.init(job)
    let theta = theta0(job)
    const counts: number[] = []
    for (let height = 1; height <= 50; height++) {
      const { delta } = await core.train(theta, { height, nodeId: NODE, maxSteps: 2 })
      theta = theta.map((x, i) => x - (delta[i] as number))
      if (height % 10 === 0) await core.evaluate(theta, { maxSamples: 100 })
      counts.push(liveTensors())
    }
    expect(new Set(counts).size).toBe(1)
  })

  it('frees every model and optimizer tensor on dispose', async () => {
    const before = liveTensors()
    await core.dispose()
    // 4 weights + 8 AdamW moments + 5 AdamW constants.
    expect(before - liveTensors()).toBe(17)
    await expect(core.evaluate(theta0(job))).rejects.toMatchObject({ name: 'NotInitializedError' })
  })

  it('can be initialised again after dispose', async () => {
    await core.init(job)
    const { metrics } = await core.train(theta0(job), { height: 1, nodeId: NODE, maxSteps: 1 })
    expect(metrics.steps).toBe(1)
  })
})
