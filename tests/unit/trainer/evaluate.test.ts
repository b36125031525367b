import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, mlpJob, NODE, theta0 } from './helpers.ts'

describe('TrainerCore.evaluate', () => {
  const job = mlpJob()
  const core = createCore()

  beforeAll(async () => {
    await core.init(job)
  })
  afterAll(() => core.dispose())

  it('scores untrained weights near chance', async () => {
    const result = await core.evaluate(theta0(job))
    expect(result.samples).toBe(10_000)
    expect(result.accuracy).toBeLessThan(0.2)
    expect(result.loss).toBeGreaterThan(2) // ln 10 ≈ 2.30 is the loss of a uniform guess
  })

  it('scores weights trained for three rounds well above chance', async () => {
    let theta = theta0(job)
    for (let height = 1; height <= 3; height++) {
      const { delta } = await core.train(theta, { height, nodeId: NODE })
      theta = theta.map((x, i) => x - (delta[i] as number))
    }
    const result = await core.evaluate(theta)
    expect(result.accuracy).toBeGreaterThan(0.85)
    expect(result.loss).toBeLessThan(0.5)
  })

  it('evaluates only the first maxSamples examples when asked', async () => {
    const result = await core.evaluate(theta0(job), { maxSamples: 700 })
    expect(result.samples).toBe(700)
  })
})
