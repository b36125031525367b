import { describe, expect, it } from 'vitest'
import { InvalidJobError, parseJob, validateJob } from '../../../shared/job/index.ts'
import { loadManifest } from './fixtures.ts'

function issuesOf(raw: unknown): string[] {
  const r = validateJob(raw)
  return r.ok ? [] : r.reason.map((i) => `${i.path}: ${i.message}`)
}

describe('validateJob', () => {
  it('accepts the shipped manifests', () => {
    expect(issuesOf(loadManifest('mnist-mlp'))).toEqual([])
    expect(issuesOf(loadManifest('mnist-cnn'))).toEqual([])
  })

  it('names the path and the problem of a bad number', () => {
    const job = loadManifest('mnist-mlp')
    job.training.optimizer.lr = 0
    expect(issuesOf(job)).toEqual(['training.optimizer.lr: must be > 0, got 0'])
  })

  it('reports every issue at once, not only the first', () => {
    const job = loadManifest('mnist-mlp')
    job.training.batchSize = 1.5
    job.outer.name = 'adam' as never
    delete (job as Partial<typeof job>).seed
    expect(issuesOf(job)).toEqual([
      'seed: is required',
      'seed: must be a finite number, got undefined',
      'training.batchSize: must be an integer, got 1.5',
      'outer.name: must be one of \'nesterov\', got "adam"',
    ])
  })

  it('refuses unknown fields, so a typo never passes silently', () => {
    const job = loadManifest('mnist-mlp')
    Object.assign(job.training, { innerStep: 5 })
    expect(issuesOf(job)).toContain('training.innerStep: is not a known field')
  })

  it('refuses a model whose outputs do not match the classes', () => {
    const job = loadManifest('mnist-mlp')
    Object.assign(job.model.layers[2]!, { units: 7 })
    expect(issuesOf(job)).toEqual([
      'model.layers: the model has 7 outputs but the dataset has 10 classes',
    ])
  })

  it('checks layer shapes with the layer path', () => {
    const job = loadManifest('mnist-mlp')
    job.model.layers.shift()
    expect(issuesOf(job)).toEqual([
      'model.layers[0]: dense needs a flat input: add a flatten layer before it',
    ])
  })

  it('refuses dataset paths that leave the app', () => {
    for (const path of [
      '../secret.bin',
      'https://example.com/x.bin',
      '/etc/passwd',
      'data/../../x',
    ]) {
      const job = loadManifest('mnist-mlp')
      job.dataset.train.path = path
      expect(issuesOf(job)).toEqual([
        expect.stringContaining('dataset.train.path: must be a relative path'),
      ])
    }
  })

  it('checks the fields of the chosen aggregation rule', () => {
    const job = loadManifest('mnist-mlp')
    job.aggregation = { rule: 'trimmed-mean' } as never
    expect(issuesOf(job)).toEqual([
      'aggregation.beta: is required',
      'aggregation.beta: must be a finite number, got undefined',
    ])
  })

  it('refuses something that is not an object', () => {
    expect(issuesOf(null)).toEqual(['(manifest): must be a JSON object, got null'])
    expect(issuesOf([])).toEqual(['(manifest): must be a JSON object, got an array'])
  })
})

describe('parseJob', () => {
  it('throws an InvalidJobError listing the issues', () => {
    const job = loadManifest('mnist-mlp')
    job.rewards.updateReward = 1 as never
    try {
      parseJob(job)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidJobError)
      expect((err as Error).name).toBe('InvalidJobError')
      expect((err as Error).message).toContain('rewards.updateReward: must be a string, got 1')
    }
  })
})
