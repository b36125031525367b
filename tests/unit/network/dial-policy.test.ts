import { describe, expect, it } from 'vitest'
import {
  DIAL_BACKOFF_BASE_MS,
  DIAL_BACKOFF_MAX_MS,
  DIAL_MAX_ATTEMPTS,
  FRESH_DIAL,
  afterDial,
  decideDial,
  retryDelay,
  shouldDial,
} from '../../../shared/network/index.ts'

const A = '12D3KooWAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const B = '12D3KooWBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'

describe('shouldDial', () => {
  it('lets exactly one side of every pair dial', () => {
    expect(shouldDial(A, B)).toBe(true)
    expect(shouldDial(B, A)).toBe(false)
    expect(shouldDial(A, A)).toBe(false)
  })
})

describe('retryDelay', () => {
  it('doubles from the base delay without jitter', () => {
    const delays = [1, 2, 3, 4].map((n) => retryDelay(n, 0.5))
    expect(delays).toEqual([1, 2, 4, 8].map((x) => x * DIAL_BACKOFF_BASE_MS))
  })

  it('never exceeds the maximum plus jitter', () => {
    for (let n = 1; n <= DIAL_MAX_ATTEMPTS; n++) {
      expect(retryDelay(n, 0.999) ?? 0).toBeLessThanOrEqual(DIAL_BACKOFF_MAX_MS * 1.25)
    }
  })

  it('spreads retries by the jitter so tabs that failed together do not retry together', () => {
    const low = retryDelay(3, 0) ?? 0
    const high = retryDelay(3, 0.999) ?? 0
    expect(low).toBeLessThan(high)
    expect(low).toBe(Math.round(4 * DIAL_BACKOFF_BASE_MS * 0.75))
  })

  it('gives up after the maximum number of attempts', () => {
    expect(retryDelay(DIAL_MAX_ATTEMPTS + 1, 0.5)).toBeUndefined()
  })

  it('rejects attempt numbers below 1', () => {
    expect(() => retryDelay(0, 0.5)).toThrow(RangeError)
  })
})

describe('decideDial', () => {
  it('dials a fresh peer when it is our turn', () => {
    expect(decideDial(A, B, FRESH_DIAL, false, 0)).toEqual({ action: 'dial' })
  })

  it('waits when the other side should dial, when connected, or when a dial is in flight', () => {
    expect(decideDial(B, A, FRESH_DIAL, false, 0)).toEqual({
      action: 'wait',
      reason: 'not-our-turn',
    })
    expect(decideDial(A, B, FRESH_DIAL, true, 0)).toEqual({ action: 'wait', reason: 'connected' })
    const inFlight = { ...FRESH_DIAL, inFlight: true }
    expect(decideDial(A, B, inFlight, false, 0)).toEqual({ action: 'wait', reason: 'in-flight' })
  })

  it('waits out the backoff after a failure, then dials again', () => {
    const failed = afterDial(FRESH_DIAL, false, 1_000, 0.5)
    expect(failed).toEqual({
      inFlight: false,
      failures: 1,
      notBefore: 1_000 + DIAL_BACKOFF_BASE_MS,
    })
    expect(decideDial(A, B, failed, false, 1_100)).toEqual({ action: 'wait', reason: 'backoff' })
    expect(decideDial(A, B, failed, false, 1_000 + DIAL_BACKOFF_BASE_MS)).toEqual({
      action: 'dial',
    })
  })

  it('gives up after too many failures in a row, and a success resets the count', () => {
    let state = FRESH_DIAL
    for (let i = 0; i < DIAL_MAX_ATTEMPTS; i++) state = afterDial(state, false, 0, 0.5)
    expect(decideDial(A, B, state, false, Number.MAX_SAFE_INTEGER)).toEqual({
      action: 'wait',
      reason: 'gave-up',
    })
    expect(afterDial(state, true, 0, 0.5)).toEqual(FRESH_DIAL)
  })
})
