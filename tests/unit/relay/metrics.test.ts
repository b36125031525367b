/** The relay's metrics registry: counters by label, gauges read on scrape. */
import { describe, expect, it } from 'vitest'
import { Metrics } from '../../../relay/metrics.ts'

describe('Metrics', () => {
  it('counts by label set and reads 0 for a label set never counted', async () => {
    const m = new Metrics()
    m.count('http_rejected_total', { reason: 'a' })
    m.count('http_rejected_total', { reason: 'a' }, 2)
    m.count('http_rejected_total', { reason: 'b' })
    expect(await m.get('http_rejected_total', { reason: 'a' })).toBe(3)
    expect(await m.get('http_rejected_total', { reason: 'b' })).toBe(1)
    expect(await m.get('http_rejected_total', { reason: 'c' })).toBe(0)
  })

  it('reads gauges on every scrape and reports NaN for one that throws', async () => {
    const m = new Metrics()
    let n = 1
    m.gauge('peers', 'Connected peers', () => n)
    m.gauge('broken', 'A gauge that throws', () => {
      throw new Error('gone')
    })
    expect(await m.render()).toMatch(/^relay_peers 1$/m)
    n = 5
    const text = await m.render()
    expect(text).toMatch(/^# HELP relay_peers Connected peers$/m)
    expect(text).toMatch(/^# TYPE relay_peers gauge$/m)
    expect(text).toMatch(/^relay_peers 5$/m)
    expect(text).toMatch(/^relay_broken Nan$/m)
  })

  it('escapes label values instead of breaking the exposition', async () => {
    const m = new Metrics()
    m.count('dataset_downloads_total', { file: 'a"b\nc' })
    expect(await m.render()).toContain('relay_dataset_downloads_total{file="a\\"b\\nc"} 1')
  })
})
