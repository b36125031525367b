import { describe, expect, it } from 'vitest'
import { datasetByteLength, decodeDataset, encodeDatasetHeader } from '../../../shared/job/index.ts'
import type { DecodedDataset } from '../../../shared/job/index.ts'
import { createBatchBuffers, fillBatch } from '../../../workers/data/batch.ts'
import { gunzipIfNeeded } from '../../../workers/data/decode.ts'

function tiny(): DecodedDataset {
  const header = { count: 3, rows: 1, cols: 2, channels: 1, classes: 3 }
  const bytes = new Uint8Array(datasetByteLength(header))
  bytes.set(encodeDatasetHeader(header))
  bytes.set([0, 1, 2], 16) // labels
  bytes.set([0, 255, 51, 102, 153, 204], 19) // pixels
  const r = decodeDataset(bytes)
  if (!r.ok) throw new Error(r.reason)
  return r.value
}

describe('fillBatch', () => {
  it('scales pixels to [0, 1], one-hot encodes labels and wraps around the order', () => {
    const buf = createBatchBuffers(2, 2, 3)
    fillBatch(tiny(), Uint32Array.of(2, 0), 1, buf)
    expect([...buf.x]).toEqual([0, 1, Math.fround(153 / 255), Math.fround(204 / 255)])
    expect([...buf.y]).toEqual([1, 0, 0, 0, 0, 1])
  })

  it('flips labels c → classes − 1 − c for the label-flip attack', () => {
    const buf = createBatchBuffers(1, 2, 3)
    fillBatch(tiny(), Uint32Array.of(0), 0, buf, true)
    expect([...buf.y]).toEqual([0, 0, 1])
  })
})

describe('gunzipIfNeeded', () => {
  it('passes through bytes that are not gzip', async () => {
    const raw = Uint8Array.of(1, 2, 3)
    expect(await gunzipIfNeeded(raw, 'x')).toBe(raw)
  })
})
