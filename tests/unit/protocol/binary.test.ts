import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, decodeUtf8, encodeUtf8 } from '../../../shared/protocol/index.ts'

const wellFormed = (s: string) => /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(s)
const readVaruint = (bytes: number[]) => () => new ByteReader(new Uint8Array(bytes)).varuint()

describe('ByteWriter and ByteReader', () => {
  it('round-trip every safe integer as a varuint of minimal length', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
        const bytes = new ByteWriter().varuint(n).finish()
        const reader = new ByteReader(bytes)
        expect(reader.varuint()).toBe(n)
        expect(reader.remaining).toBe(0)
        expect(bytes.length).toBe(n === 0 ? 1 : Math.ceil(Math.log2(n + 1) / 7))
      }),
    )
  })

  it('encode 300 as ac 02 (LEB128)', () => {
    expect([...new ByteWriter().varuint(300).finish()]).toEqual([0xac, 0x02])
  })

  it('refuse a non-minimal, overlong, truncated or too large varint', () => {
    expect(readVaruint([0x80, 0x00])).toThrow(/not minimal/)
    expect(readVaruint([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).toThrow(/longer/)
    expect(readVaruint([0x80])).toThrow(/needs 1 bytes/)
    expect(readVaruint([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])).toThrow(/exceeds/)
    expect(() => new ByteReader(new Uint8Array([5])).varuint(4)).toThrow(/exceeds 4/)
  })

  it('round-trip bigints, floats, bytes and text', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 70n }),
        fc.float(),
        fc.double(),
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 50 }).filter(wellFormed),
        (big, f, d, bytes, text) => {
          const encoded = new ByteWriter(1)
            .bigvaruint(big)
            .f32(f)
            .f64(d)
            .bytes(bytes)
            .text(text)
            .finish()
          const r = new ByteReader(encoded)
          expect(r.bigvaruint(11)).toBe(big)
          expect(Object.is(r.f32(), f)).toBe(true)
          expect(Object.is(r.f64(), d)).toBe(true)
          expect(r.bytes(300)).toEqual(bytes)
          expect(r.text(1000)).toBe(text)
          r.end()
        },
      ),
    )
  })

  it('refuse to encode a value that is not a float32 or not a safe integer', () => {
    expect(() => new ByteWriter().f32(0.1)).toThrow(
      expect.objectContaining({ name: 'EncodeError' }),
    )
    expect(() => new ByteWriter().varuint(-1)).toThrow(/non-negative/)
    expect(() => new ByteWriter().varuint(2 ** 53)).toThrow(/safe/)
  })

  it('report trailing bytes and reads past the end', () => {
    const r = new ByteReader(new Uint8Array([1, 2, 3]))
    r.u8()
    expect(() => r.end()).toThrow(/2 trailing bytes/)
    expect(() => r.raw(3)).toThrow(/needs 3 bytes/)
  })

  it('return copies from raw and views from view', () => {
    const input = new Uint8Array([1, 2, 3, 4])
    const r = new ByteReader(input)
    const copy = r.raw(2)
    const view = r.view(2)
    input.fill(9)
    expect([...copy, ...view]).toEqual([1, 2, 9, 9])
  })
})

describe('UTF-8', () => {
  it('matches TextEncoder and TextDecoder on well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter(wellFormed), (s) => {
        const bytes = encodeUtf8(s)
        expect(bytes).toEqual(new TextEncoder().encode(s))
        expect(decodeUtf8(bytes)).toBe(s)
      }),
    )
  })

  it('agrees with a fatal TextDecoder on any byte string', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let expected: string | undefined
        try {
          expected = fatal.decode(bytes)
        } catch {
          expected = undefined
        }
        if (expected === undefined) expect(() => decodeUtf8(bytes)).toThrow()
        else expect(decodeUtf8(bytes)).toBe(expected)
      }),
      { numRuns: 20_000 },
    )
  })

  it('refuses overlong forms, surrogates, code points past U+10FFFF and truncation', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(() => decodeUtf8(new Uint8Array(bad))).toThrow(
        expect.objectContaining({ name: 'DecodeError' }),
      )
    }
  })

  it('refuses to encode a lone surrogate', () => {
    expect(() => encodeUtf8('a\ud800b')).toThrow(expect.objectContaining({ name: 'EncodeError' }))
  })
})
