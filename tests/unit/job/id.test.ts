import { describe, expect, it } from 'vitest'
import { canonicalJson, jobId, parseJob } from '../../../shared/job/index.ts'
import { loadManifest } from './fixtures.ts'

describe('canonicalJson', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: [1, { d: true, c: null }], a: 'x' })).toBe(
      '{"a":"x","b":[1,{"c":null,"d":true}]}',
    )
  })

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('$.a: NaN is not a JSON number')
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError)
  })
})

describe('jobId', () => {
  it('is 64 hex characters and stable for the same manifest', () => {
    const id = jobId(parseJob(loadManifest('mnist-mlp')))
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    expect(jobId(parseJob(loadManifest('mnist-mlp')))).toBe(id)
  })

  it('does not depend on key order', () => {
    const job = loadManifest('mnist-mlp')
    const reordered = Object.fromEntries(Object.entries(job).reverse())
    expect(jobId(parseJob(reordered))).toBe(jobId(parseJob(job)))
  })

  it('changes when any field changes', () => {
    const job = loadManifest('mnist-mlp')
    const before = jobId(parseJob(job))
    job.training.optimizer.weightDecay = 0.02
    expect(jobId(parseJob(job))).not.toBe(before)
  })

  it('differs between the two shipped jobs', () => {
    expect(jobId(parseJob(loadManifest('mnist-mlp')))).not.toBe(
      jobId(parseJob(loadManifest('mnist-cnn'))),
    )
  })
})
