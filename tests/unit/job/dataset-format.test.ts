import { describe, expect, it } from 'vitest'
import { datasetByteLength, decodeDataset, encodeDatasetHeader } from '../../../shared/job/index.ts'

function file(count: number, labels: number[]): Uint8Array {
  const header = { count, rows: 2, cols: 2, channels: 1, classes: 3 }
  const out = new Uint8Array(datasetByteLength(header))
  out.set(encodeDatasetHeader(header))
  out.set(labels, 16)
  for (let i = 16 + count; i < out.length; i++) out[i] = i & 0xff
  return out
}

describe('decodeDataset', () => {
  it('round-trips the header, labels and pixels', () => {
    const r = decodeDataset(file(2, [0, 2]))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.header).toEqual({ count: 2, rows: 2, cols: 2, channels: 1, classes: 3 })
    expect([...r.value.labels]).toEqual([0, 2])
    expect(r.value.pixels.length).toBe(8)
  })

  it('names a truncated file and how long it should be', () => {
    expect(decodeDataset(file(2, [0, 1]).subarray(0, 20))).toEqual({
      ok: false,
      reason: 'truncated: 20 bytes, the header promises 26',
    })
    expect(decodeDataset(new Uint8Array(3))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('truncated') as unknown,
    })
  })

  it('refuses a file that is not a dataset', () => {
    expect(decodeDataset(new Uint8Array(32))).toEqual({
      ok: false,
      reason: 'not a swarm dataset (bad magic)',
    })
  })

  it('refuses a label outside the classes', () => {
    expect(decodeDataset(file(2, [0, 3]))).toEqual({
      ok: false,
      reason: 'label 1 is 3, not below the 3 classes',
    })
  })
})
