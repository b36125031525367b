import { describe, expect, it } from 'vitest'
import { breakdown, summarize, type HeightRecord } from '../../../shared/metrics/index.ts'

/** A height that starts at `t0`: trains 4 s (3 s compute, 0.5 s rest), waits, votes, applies. */
function height(h: number, t0: number): HeightRecord {
  return {
    height: h,
    members: 4,
    startedAt: t0,
    trained: { at: t0 + 4_000, elapsedMs: 3_500, computeMs: 3_000, steps: 100, stoppedBy: 'steps' },
    // First proposal at t0 + 6 s; decision (apply starts) at t0 + 6.5 s; applied at t0 + 6.8 s.
    latencyMs: 1_000,
    apply: { start: t0 + 6_500, end: t0 + 6_800 },
    committedAt: t0 + 7_000,
  }
}

describe('breakdown', () => {
  it('cuts the height into segments that add up to its wall time', () => {
    const b = breakdown(height(1, 1_000))!
    expect(b).toEqual({
      totalMs: 7_000,
      trainingMs: 4_000,
      computeMs: 3_000,
      restMs: 500,
      trainOverheadMs: 500,
      collectMs: 2_000,
      consensusMs: 500,
      applyMs: 300,
      persistMs: 200,
      proposalToDecisionMs: 500,
      aheadMs: 0,
    })
    const parts = b.trainingMs + b.collectMs + b.consensusMs + b.applyMs + b.persistMs
    expect(parts).toBe(b.totalMs)
  })

  it('is undefined until the height commits', () => {
    const { committedAt: _, ...open } = height(1, 0)
    expect(breakdown(open)).toBeUndefined()
  })

  it('counts a node that did not train as idle from the start', () => {
    const { trained: _, ...r } = height(1, 0)
    const b = breakdown(r)!
    expect(b.trainingMs).toBe(0)
    expect(b.computeMs).toBe(0)
    expect(b.collectMs).toBe(6_000)
  })

  it('clips training that ended after the proposal (an update too late for the block)', () => {
    const r: HeightRecord = {
      ...height(1, 0),
      trained: { at: 6_600, elapsedMs: 6_600, computeMs: 6_600, steps: 100, stoppedBy: 'steps' },
    }
    const b = breakdown(r)!
    expect(b.trainingMs).toBe(6_600)
    expect(b.collectMs).toBe(0)
    expect(b.consensusMs).toBe(0)
    expect(b.applyMs).toBe(200)
    expect(b.trainingMs + b.applyMs + b.persistMs).toBe(b.totalMs)
  })
})

describe('training ahead', () => {
  /** Height `h` at `t0`, whose 3.5 s round (3 s compute) began 1 s before the height did. */
  const ahead = (h: number, t0: number): HeightRecord => ({
    ...height(h, t0),
    trained: { at: t0 + 2_500, elapsedMs: 3_500, computeMs: 3_000, steps: 100, stoppedBy: 'steps' },
  })

  it('counts in a height only the part of its round after the height began', () => {
    const b = breakdown(ahead(1, 10_000))!
    expect(b.aheadMs).toBe(1_000)
    expect(b.trainingMs).toBe(2_500)
    expect(b.computeMs).toBeCloseTo((3_000 * 2_500) / 3_500)
    expect(b.trainingMs + b.collectMs + b.consensusMs + b.applyMs + b.persistMs).toBe(b.totalMs)
  })

  it('counts compute done ahead inside the window, and not before it', () => {
    const records = [ahead(1, 0), ahead(2, 7_000), ahead(3, 14_000)]
    const s = summarize(records)!
    // The first round's second before the window is left out; the others' fall inside.
    expect(s.computeMs).toBeCloseTo(3 * 3_000 - (3_000 * 1_000) / 3_500)
    expect(s.utilization).toBeCloseTo(s.computeMs / 21_000)
    expect(s.segments.aheadMs).toBe(3_000)
  })
})

describe('summarize', () => {
  it('is compute time over the wall time from the first start to the last commit', () => {
    const records = [height(1, 0), height(2, 7_000), height(3, 14_000)]
    const s = summarize(records)!
    expect(s.heights).toBe(3)
    expect(s.wallMs).toBe(21_000)
    expect(s.utilization).toBeCloseTo(9_000 / 21_000)
    expect(s.segments.totalMs).toBe(21_000)
    expect(s.segments.collectMs).toBe(6_000)
  })

  it('takes only the heights in range that committed', () => {
    const { committedAt: _, ...open } = height(4, 21_000)
    const s = summarize([height(1, 0), height(2, 7_000), height(3, 14_000), open], 2)!
    expect(s.heights).toBe(2)
    expect(s.wallMs).toBe(14_000)
    expect(summarize([open])).toBeUndefined()
  })
})
