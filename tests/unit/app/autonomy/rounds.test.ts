import { describe, expect, it } from 'vitest'
import { RoundTracker, MAX_RECENT_ROUNDS } from '../../../../app/autonomy/rounds.ts'
import type { LocalTrainer } from '../../../../shared/chain/index.ts'
import type { AbortSignalLike, Height } from '../../../../shared/types/index.ts'

const metrics = (meanLoss = 0.5) => ({ meanLoss, stepMs: 12, backend: 'wasm' as const })

/** An abort signal the test controls. */
function signal(): AbortSignalLike & { abort(): void } {
  const controller = new AbortController()
  return Object.assign(controller.signal, { abort: () => controller.abort() })
}

/** A trainer whose rounds end when the test says. */
function manualTrainer() {
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = []
  const trainer: LocalTrainer = {
    train: () =>
      new Promise((resolve, reject) => {
        pending.push({
          resolve: () => resolve({ delta: new Float32Array(1), samples: 32, loss: 0.5 }),
          reject,
        })
      }),
  }
  return { trainer, pending }
}

const h = (n: number) => n as Height

describe('RoundTracker', () => {
  it('reports a round trained before its block as submitted, and accepted when included', () => {
    const t = new RoundTracker()
    t.started(1)
    t.trained(1, metrics(0.7))
    t.applied(1, true)
    t.started(2)
    t.trained(2, metrics(0.6))
    t.applied(2, false)
    expect(t.recent()).toEqual([
      { height: 1, submitted: true, missedDeadline: false, accepted: true, trainLoss: 0.7 },
      { height: 2, submitted: true, missedDeadline: false, accepted: false, trainLoss: 0.6 },
    ])
    expect(t.training()).toEqual({ stepMs: 12, backend: 'wasm' })
  })

  it('counts a round still training when its block is applied as a missed deadline', () => {
    const t = new RoundTracker()
    t.started(3)
    t.applied(3, false)
    t.trained(3, metrics()) // too late: the outcome is final
    expect(t.recent()).toEqual([
      { height: 3, submitted: false, missedDeadline: true, accepted: false },
    ])
  })

  it('does not count paused, failed or untrained rounds as misses', () => {
    const t = new RoundTracker()
    t.started(1)
    t.disturb() // paused mid-round
    t.applied(1, false)
    t.started(2)
    t.failed(2)
    t.applied(2, false)
    t.applied(3, true) // never trained (not a member yet): `included` cannot make it accepted
    expect(t.recent().map((r) => [r.submitted, r.missedDeadline, r.accepted])).toEqual([
      [false, false, false],
      [false, false, false],
      [false, false, false],
    ])
  })

  it('keeps a round finished before a pause as submitted', () => {
    const t = new RoundTracker()
    t.started(1)
    t.trained(1, metrics())
    t.disturb()
    t.applied(1, true)
    expect(t.recent()[0]).toMatchObject({ submitted: true, accepted: true })
  })

  it('keeps one outcome per height, in order, when heights are applied again after a resync', () => {
    const t = new RoundTracker()
    for (const n of [1, 2, 3]) t.applied(n, false)
    t.applied(2, false)
    expect(t.recent().map((r) => r.height)).toEqual([1, 2])
  })

  it('keeps at most MAX_RECENT_ROUNDS outcomes', () => {
    const t = new RoundTracker()
    for (let n = 1; n <= MAX_RECENT_ROUNDS + 5; n++) t.applied(n, false)
    expect(t.recent()).toHaveLength(MAX_RECENT_ROUNDS)
    expect(t.recent()[0]?.height).toBe(6)
  })

  it('ignores step times that are not finite', () => {
    const t = new RoundTracker()
    t.trained(1, { meanLoss: NaN, stepMs: NaN, backend: 'cpu' })
    expect(t.training()).toEqual({ backend: 'cpu' })
  })

  describe('wrap', () => {
    it('sees starts and failures, and is busy while a round trains', async () => {
      const t = new RoundTracker()
      const { trainer, pending } = manualTrainer()
      const wrapped = t.wrap(trainer)
      const s = signal()
      const running = wrapped.train(new Float32Array(1), h(1), s)
      expect(t.busy).toBe(true)
      pending[0]?.reject(new Error('out of memory'))
      await expect(running).rejects.toThrow('out of memory')
      expect(t.busy).toBe(false)
      t.applied(1, false)
      expect(t.recent()[0]).toMatchObject({ submitted: false, missedDeadline: false })
    })

    it('treats an abort (the height ended first) as a miss, not a failure', async () => {
      const t = new RoundTracker()
      const { trainer, pending } = manualTrainer()
      const s = signal()
      const running = t.wrap(trainer).train(new Float32Array(1), h(4), s)
      s.abort()
      const err = new Error('aborted')
      err.name = 'AbortError'
      pending[0]?.reject(err)
      await expect(running).rejects.toThrow('aborted')
      t.applied(4, false)
      expect(t.recent()[0]).toMatchObject({ submitted: false, missedDeadline: true })
    })
  })
})
