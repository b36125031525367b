import { describe, expect, it } from 'vitest'
import { sha256Async, sha256Hex, sha256HexAsync } from '../../../shared/crypto/index.ts'

describe('sha256', () => {
  it('matches the FIPS 180-2 test vector for "abc"', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('gives the same digest through WebCrypto and through JS, views included', async () => {
    const buffer = new Uint8Array(100_003).map((_, i) => (i * 13) & 0xff)
    const view = buffer.subarray(3, 90_000)
    expect(await sha256HexAsync(view)).toBe(sha256Hex(view))
    expect((await sha256Async(buffer)).length).toBe(32)
  })
})
