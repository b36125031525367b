/** The test attacks a member can mount on its own updates, and how app rejections are counted. */
import { describe, expect, it } from 'vitest'
import { rejectionKey, type AttackView } from '../../../shared/chain/index.ts'
import {
  ALIE_SEND_MARGIN_MS,
  SIGNFLIP_SCALE,
  alieOf,
  breakSignature,
  noiseLike,
  updateAttack,
} from '../../../shared/chain/test-attacks.ts'
import { generateIdentity } from '../../../shared/crypto/index.ts'
import {
  coreCodec,
  openMessage,
  sealMessage,
  updateMessage,
} from '../../../shared/protocol/index.ts'
import type { HashHex, Height, JobId } from '../../../shared/types/index.ts'

const JOB = 'a'.repeat(64) as JobId
const norm = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0))

/** A view whose other updates arrive at given clock times; time moves only while waiting. */
function fakeView(
  members: number,
  arrivals: readonly { at: number; vector: Float32Array }[],
): AttackView & { now: () => number } {
  let now = 0
  return {
    height: 3 as Height,
    members,
    collectDeadline: 20_000,
    now: () => now,
    others: () => arrivals.filter((a) => a.at <= now).map((a) => a.vector),
    waitForOthers: (until) => {
      const last = Math.max(...arrivals.map((a) => a.at))
      now = arrivals.length >= members - 1 ? Math.min(until, last) : until
      return Promise.resolve()
    },
  }
}

describe('update attacks', () => {
  const honest = Float32Array.from({ length: 1_000 }, (_, i) => Math.sin(i) * 0.01)

  it('signflip sends −4Δ', async () => {
    const sent = await updateAttack('signflip', 1).delta!(honest, fakeView(4, []))
    expect(sent[5]).toBeCloseTo(-SIGNFLIP_SCALE * honest[5]!, 7)
  })

  it('noise has the honest norm, no correlation with Δ, and differs per height and seed', () => {
    const a = noiseLike(honest, 1)
    expect(norm(a)).toBeCloseTo(norm(honest), 5)
    const dot = a.reduce((s, v, i) => s + v * honest[i]!, 0) / (norm(a) * norm(honest))
    expect(Math.abs(dot)).toBeLessThan(0.15)
    expect(noiseLike(honest, 2)).not.toEqual(a)
    expect(noiseLike(honest, 1)).toEqual(a)
    expect(norm(noiseLike(new Float32Array(10), 1))).toBe(0)
  })

  it('alie is μ − zσ per coordinate over the updates it holds', () => {
    const xs = [Float32Array.of(1, 0), Float32Array.of(3, 0), Float32Array.of(2, 6)]
    // μ = (2, 2), σ = (√(2/3), √8)
    const out = alieOf(xs, 1.5)
    expect(out[0]).toBeCloseTo(2 - 1.5 * Math.sqrt(2 / 3), 5)
    expect(out[1]).toBeCloseTo(2 - 1.5 * Math.sqrt(8), 5)
  })

  it('alie waits for the other members, then uses their updates with its own', async () => {
    const others = [
      { at: 1_000, vector: Float32Array.of(1, 1) },
      { at: 4_000, vector: Float32Array.of(3, 5) },
      { at: 2_000, vector: Float32Array.of(2, 3) },
      { at: 3_000, vector: Float32Array.of(0, 7) },
    ]
    const view = fakeView(5, others)
    const own = Float32Array.of(4, 4)
    const sent = await updateAttack('alie', 1).delta!(own, view)
    expect(view.now()).toBe(4_000)
    // alieZ(5, 1) = Φ⁻¹(3/5) ≈ 0.2533
    expect(sent).toEqual(alieOf([own, ...others.map((o) => o.vector)], 0.2533471031357997))
    expect(sent[0]).not.toBeCloseTo(2, 3)
  })

  it('alie sends what it has shortly before the collect deadline when some member is late', async () => {
    const view = fakeView(4, [{ at: 500, vector: Float32Array.of(1, 1) }])
    await updateAttack('alie', 1).delta!(Float32Array.of(2, 2), view)
    expect(view.now()).toBe(20_000 - ALIE_SEND_MARGIN_MS)
  })

  it('badsig keeps the message but breaks its signature, so honest nodes refuse it', () => {
    const id = generateIdentity()
    const sealed = sealMessage(
      coreCodec,
      id,
      updateMessage({
        job: JOB,
        height: 1 as Height,
        node: id.nodeId,
        base: 'c'.repeat(64) as HashHex,
        samples: 64,
        trainLoss: 1,
        payloadHash: 'd'.repeat(64) as HashHex,
        payloadBytes: 100,
      }),
    )
    const keys = () => id.publicKey
    expect(openMessage(sealed, { codec: coreCodec, job: JOB, keys }).ok).toBe(true)
    const forged = updateAttack('badsig', 1).envelope!(sealed)
    expect(forged).toEqual(breakSignature(sealed))
    expect(forged.length).toBe(sealed.length)
    const opened = openMessage(forged, { codec: coreCodec, job: JOB, keys })
    expect(opened.ok).toBe(false)
    if (!opened.ok) expect(opened.reason.code).toBe('bad-signature')
  })
})

describe('rejectionKey', () => {
  it('keeps the prefix and the rejection code, folds numbers, and bounds the length', () => {
    expect(rejectionKey('update: bad-signature ML-DSA verification failed')).toBe(
      'update bad-signature',
    )
    expect(rejectionKey('payload: 1234 bytes announced, 99 expected')).toBe('payload')
    expect(rejectionKey('update for height 17')).toBe('update for height N')
    expect(rejectionKey('update for height 18')).toBe(rejectionKey('update for height 17'))
    expect(rejectionKey('x'.repeat(500)).length).toBeLessThanOrEqual(80)
  })
})
