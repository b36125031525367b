import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, decodeUtf8, encodeUtf8 } from '../../../shared/protocol/index.ts'

// Well-formed strings over every plane, built from scalar values (no lone surrogates).
const textArb = (maxLength: number) =>
  fc
    .array(
      fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff })),
      {
        maxLength,
      },
    )
    .map((points) => String.fromCodePoint(...points))
// Property predicates return booleans: vitest's expect() costs milliseconds per call inside
// fast-check, which would dominate these tests.
const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i])
const readVaruint = (bytes: number[]) => () => new ByteReader(new Uint8Array(bytes)).varuint()

describe('ByteWriter and ByteReader', () => {
  it('round-trip every safe integer as a varuint of minimal length', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
        const bytes = new ByteWriter().varuint(n).finish()
        const reader = new ByteReader(bytes)
        const minimal = n === 0 ? 1 : Math.ceil(Math.log2(n + 1) / 7)
        return reader.varuint() === n && reader.remaining === 0 && bytes.length === minimal
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
        textArb(50),
        (big, f, d, bytes, text) => {
          const encoded = new ByteWriter(1)
            .bigvaruint(big)
            .f32(f)
            .f64(d)
            .bytes(bytes)
            .text(text)
            .finish()
          const r = new ByteReader(encoded)
          const ok =
            r.bigvaruint(11) === big &&
            Object.is(r.f32(), f) &&
            Object.is(r.f64(), d) &&
            sameBytes(r.bytes(300), bytes) &&
            r.text(1000) === text
          r.end()
          return ok
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
      fc.property(textArb(40), (s) => {
        const bytes = encodeUtf8(s)
        return sameBytes(bytes, new TextEncoder().encode(s)) && decodeUtf8(bytes) === s
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
        let actual: string | undefined
        try {
          actual = decodeUtf8(bytes)
        } catch {
          actual = undefined
        }
        return actual === expected
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
