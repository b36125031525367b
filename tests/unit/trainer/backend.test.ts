import { describe, expect, it } from 'vitest'
import type { BackendCandidate } from '../../../shared/trainer/index.ts'
import { pickBackend } from '../../../workers/backend/choose.ts'
import type { DecodedDataset } from '../../../shared/job/index.ts'
import { TrainerCore } from '../../../workers/trainer-core.ts'
import { createCore, fileLoader, mlpJob, NODE, PUBLIC_URL, theta0 } from './helpers.ts'
import { loadManifest } from '../job/fixtures.ts'

const measured = (
  name: BackendCandidate['name'],
  stepMs: number,
  fallbackAdapter?: boolean,
): BackendCandidate => ({
  name,
  status: 'measured',
  stepMs,
  ...(fallbackAdapter === undefined ? {} : { fallbackAdapter }),
})

describe('pickBackend', () => {
  it('picks the fastest measured backend', () => {
    expect(
      pickBackend([measured('wasm', 8), measured('webgl', 20), measured('cpu', 30)])?.name,
    ).toBe('wasm')
  })

  it('never prefers a fallback adapter that measures slower', () => {
    expect(pickBackend([measured('wasm', 8), measured('webgpu', 150, true)])?.name).toBe('wasm')
  })

  it('takes a fallback adapter only when it is clearly faster', () => {
    expect(pickBackend([measured('wasm', 8), measured('webgpu', 7.5, true)])?.name).toBe('wasm')
    expect(pickBackend([measured('wasm', 8), measured('webgpu', 5, true)])?.name).toBe('webgpu')
  })

  it('ignores backends that failed or lack kernels', () => {
    const failed: BackendCandidate = { name: 'webgpu', status: 'failed', detail: 'no adapter' }
    const unsupported: BackendCandidate = {
      name: 'wasm',
      status: 'unsupported',
      detail: 'no kernel',
    }
    expect(pickBackend([failed, unsupported, measured('cpu', 40)])?.name).toBe('cpu')
    expect(pickBackend([failed, unsupported])).toBeUndefined()
  })
})

describe('TrainerCore backend choice in Node', () => {
  it('measures wasm and cpu, picks wasm and says why', async () => {
    const core = createCore(['wasm', 'cpu', 'webgl'])
    try {
      const { backend } = await core.init(mlpJob())
      expect(backend.chosen).toBe('wasm')
      expect(backend.forced).toBe(false)
      expect(backend.candidates.map((c) => [c.name, c.status])).toEqual([
        ['wasm', 'measured'],
        ['cpu', 'measured'],
        ['webgl', 'failed'],
      ])
      const [wasm, cpu] = backend.candidates
      expect(wasm!.stepMs).toBeLessThan(cpu!.stepMs!)
      expect(backend.reason).toMatch(
        /^wasm is fastest at [\d.]+ ms\/step; cpu [\d.]+ ms\/step(, abandoned)?; webgl failed: not available in this environment$/,
      )
    } finally {
      await core.dispose()
    }
  })

  it('marks wasm unsupported for the CNN, which needs Conv2DBackpropFilter', async () => {
    const core = createCore(['wasm'])
    await expect(core.init(loadManifest('mnist-cnn'))).rejects.toMatchObject({
      name: 'BackendError',
      message: 'no backend can train this model (wasm: no Conv2DBackpropFilter kernel)',
    })
  })

  it('fails loudly when a forced backend cannot run, instead of falling back', async () => {
    const core = createCore(['wasm', 'cpu'])
    await expect(core.init(mlpJob(), { backend: 'webgpu' })).rejects.toMatchObject({
      name: 'BackendError',
      message:
        'forced backend webgpu cannot train this model (webgpu: not available in this environment)',
    })
  })

  it('honours a forced backend even when another is faster', async () => {
    const core = createCore(['wasm', 'cpu'])
    try {
      const { backend } = await core.init(mlpJob(), { backend: 'cpu' })
      expect(backend).toMatchObject({ chosen: 'cpu', forced: true })
      expect(backend.reason).toMatch(/^cpu forced by override, measured [\d.]+ ms\/step$/)
    } finally {
      await core.dispose()
    }
  })
})

describe('TrainerCore for simulators', () => {
  it('takes the first backend that works without timing, and shares one copy of the data', async () => {
    const datasets = new Map<string, DecodedDataset>()
    const make = (): TrainerCore =>
      new TrainerCore({
        loader: fileLoader,
        baseUrl: PUBLIC_URL,
        backends: ['webgl', 'wasm'],
        measure: false,
        datasets,
      })
    const [a, b] = [make(), make()]
    try {
      const report = await a.init(mlpJob())
      expect(report.backend).toMatchObject({
        chosen: 'wasm',
        reason: 'wasm: first that initialises (measurement off)',
      })
      expect(report.backend.candidates.map((c) => c.status)).toEqual(['failed', 'skipped'])
      const cached = [...datasets.values()]
      await b.init(mlpJob())
      expect([...datasets.values()]).toEqual(cached)
      expect(datasets.size).toBe(2)
      const { metrics } = await b.train(theta0(mlpJob()), { height: 1, nodeId: NODE, maxSteps: 2 })
      expect(metrics.steps).toBe(2)
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })
})
