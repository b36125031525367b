/** Per-client token buckets: burst, refill, Retry-After, a bounded map, IPv6 by /64. */
import { describe, expect, it } from 'vitest'
import { RateLimiter, clientKey } from '../../../relay/rate-limit.ts'

function setup(burst: number, perSecond: number, maxClients = 100) {
  let now = 0
  const limiter = new RateLimiter({ burst, perSecond }, { maxClients, now: () => now })
  return { limiter, advance: (ms: number) => (now += ms) }
}

describe('RateLimiter', () => {
  it('allows a burst, then one request per refill interval, and says when to retry', () => {
    const { limiter, advance } = setup(3, 0.5)
    expect([1, 2, 3].map(() => limiter.take('10.0.0.1').ok)).toEqual([true, true, true])
    expect(limiter.take('10.0.0.1')).toEqual({ ok: false, retryAfterS: 2 })
    advance(1_000)
    expect(limiter.take('10.0.0.1')).toEqual({ ok: false, retryAfterS: 1 })
    advance(1_000)
    expect(limiter.take('10.0.0.1').ok).toBe(true)
    expect(limiter.take('10.0.0.1').ok).toBe(false)
  })

  it('gives a client in a loop at most its rate', () => {
    const { limiter, advance } = setup(5, 2)
    let allowed = 0
    // 100 requests a second for 10 s: the burst and 2 a second get through.
    for (let i = 0; i < 1_000; i++) {
      if (limiter.take('10.0.0.1').ok) allowed++
      advance(10)
    }
    expect(allowed).toBeGreaterThanOrEqual(5 + 19)
    expect(allowed).toBeLessThanOrEqual(5 + 20)
  })

  it('keeps clients apart and never holds more than maxClients buckets', () => {
    const { limiter } = setup(1, 0.001, 100)
    expect(limiter.take('10.0.0.1').ok).toBe(true)
    expect(limiter.take('10.0.0.2').ok).toBe(true)
    expect(limiter.take('10.0.0.1').ok).toBe(false)
    for (let i = 0; i < 5_000; i++) limiter.take(`10.1.${i >> 8}.${i & 255}`)
    expect(limiter.size).toBe(100)
  })

  it('counts every address of one IPv6 /64 as one client, and IPv4-mapped as IPv4', () => {
    const { limiter } = setup(1, 0.001)
    expect(limiter.take('2001:db8:1:2::1').ok).toBe(true)
    expect(limiter.take('2001:db8:1:2:ffff:0:0:7').ok).toBe(false)
    expect(limiter.take('2001:db8:1:3::1').ok).toBe(true)
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(clientKey('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64')
    expect(clientKey('::1')).toBe('0:0:0:0::/64')
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
  })
})
