import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import type { ByteLoader } from '../../../workers/data/fetch-bytes.ts'
import { createCore, fileLoader, mlpJob, NODE, theta0 } from './helpers.ts'

/** A loader that damages the training file on its way in. */
const damaging =
  (damage: (bytes: Uint8Array) => Uint8Array): ByteLoader =>
  async (url, options) => {
    const bytes = await fileLoader(url, options)
    return url.endsWith('mnist-train.bin.gz') ? damage(bytes) : bytes
  }

describe('TrainerCore with bad input', () => {
  const job = mlpJob()
  const core = createCore()
  afterAll(() => core.dispose())

  it('refuses to train before init', async () => {
    await expect(core.train(theta0(job), { height: 1, nodeId: NODE })).rejects.toMatchObject({
      name: 'NotInitializedError',
    })
  })

  it('names the path and problem of a bad manifest', async () => {
    const bad = mlpJob((j) => {
      j.model.layers[1] = { type: 'dense', units: -3, activation: 'relu' }
    })
    await expect(core.init(bad)).rejects.toMatchObject({
      name: 'InvalidJobError',
      message: expect.stringContaining('model.layers[1].units: must be ≥ 1, got -3') as unknown,
    })
  })

  it('names a missing dataset file', async () => {
    const missing = mlpJob((j) => {
      j.dataset.test.path = 'data/absent.bin.gz'
    })
    await expect(core.init(missing)).rejects.toMatchObject({
      name: 'DatasetError',
      message: expect.stringMatching(/data\/absent\.bin\.gz: missing \(ENOENT\)$/) as unknown,
    })
  })

  it('names a truncated gzip file', async () => {
    const truncated = createCore(
      ['wasm'],
      damaging((b) => b.subarray(0, b.length >> 1)),
    )
    await expect(truncated.init(job)).rejects.toMatchObject({
      name: 'DatasetError',
      message: expect.stringContaining(
        'data/mnist-train.bin.gz: truncated or corrupt gzip data',
      ) as unknown,
    })
  })

  it('names a truncated file that a server already decompressed', async () => {
    const truncated = createCore(
      ['wasm'],
      damaging((b) => gunzipSync(b).subarray(0, 1_000_000)),
    )
    await expect(truncated.init(job)).rejects.toMatchObject({
      name: 'DatasetError',
      message: 'data/mnist-train.bin.gz: truncated: 1000000 bytes, the header promises 47100016',
    })
  })

  it('refuses a file whose bytes differ from the pinned hash', async () => {
    const flipped = (b: Uint8Array): Uint8Array => {
      const raw = gunzipSync(b)
      raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1
      return raw
    }
    await expect(createCore(['wasm'], damaging(flipped)).init(job)).rejects.toMatchObject({
      name: 'DatasetError',
      message: expect.stringMatching(
        /^data\/mnist-train\.bin\.gz: SHA-256 is [0-9a-f]{64}, the manifest pins aae6/,
      ) as unknown,
    })
  })

  it('refuses weights of the wrong size, NaN or infinite, and keeps training afterwards', async () => {
    await core.init(job)
    const nan = theta0(job)
    nan[12] = Number.NaN
    const inf = theta0(job)
    inf[5] = Number.POSITIVE_INFINITY
    const plan = { height: 1, nodeId: NODE, maxSteps: 2 }
    await expect(core.train(new Float32Array(100), plan)).rejects.toMatchObject({
      name: 'InvalidWeightsError',
      message: 'weights have 100 values, the model needs 101770',
    })
    await expect(core.train(nan, plan)).rejects.toThrow(
      'weights[12] is NaN; every value must be finite',
    )
    await expect(core.evaluate(inf)).rejects.toThrow(
      'weights[5] is Infinity; every value must be finite',
    )
    await expect(core.train(Array.from(theta0(job)) as never, plan)).rejects.toThrow(
      'weights must be a Float32Array, got Array',
    )
    const { metrics } = await core.train(theta0(job), plan)
    expect(metrics.steps).toBe(2)
  })

  it('keeps the ready job when a later init fails', async () => {
    const missing = mlpJob((j) => {
      j.dataset.train.sha256 = '0'.repeat(64)
    })
    await expect(core.init(missing)).rejects.toMatchObject({ name: 'DatasetError' })
    const { metrics } = await core.train(theta0(job), { height: 2, nodeId: NODE, maxSteps: 2 })
    expect(metrics.steps).toBe(2)
  })
})
