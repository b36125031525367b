/**
 * Strict UTF-8 (RFC 3629) without `TextEncoder`/`TextDecoder`, which the ES2023 library that
 * `shared/` compiles against does not declare. The decoder refuses overlong forms, surrogates,
 * code points above U+10FFFF and truncated sequences, so every string has exactly one encoding.
 */
import { DecodeError, EncodeError } from './errors.ts'

/** UTF-8 bytes of `text`; throws `EncodeError` on a lone surrogate (it has no UTF-8 form). */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1)
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
        throw new EncodeError('text holds a lone surrogate')
      }
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
      i++
    }
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f))
      out.push(0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
    }
  }
  return Uint8Array.from(out)
}

/** The string encoded by `bytes`; throws `DecodeError` unless they are well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  let text = ''
  let i = 0
  while (i < bytes.length) {
    const b0 = byteAt(bytes, i)
    let c: number
    let size: number
    let min: number
    if (b0 < 0x80) [c, size, min] = [b0, 1, 0]
    else if (b0 >= 0xc2 && b0 <= 0xdf) [c, size, min] = [b0 & 0x1f, 2, 0x80]
    else if (b0 >= 0xe0 && b0 <= 0xef) [c, size, min] = [b0 & 0x0f, 3, 0x800]
    else if (b0 >= 0xf0 && b0 <= 0xf4) [c, size, min] = [b0 & 0x07, 4, 0x10000]
    else throw new DecodeError(`invalid UTF-8 lead byte at ${i}`)
    if (i + size > bytes.length) throw new DecodeError('truncated UTF-8 sequence')
    for (let k = 1; k < size; k++) {
      const b = byteAt(bytes, i + k)
      if ((b & 0xc0) !== 0x80) throw new DecodeError(`invalid UTF-8 continuation at ${i + k}`)
      c = (c << 6) | (b & 0x3f)
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      throw new DecodeError(`invalid UTF-8 code point at ${i}`)
    }
    text += String.fromCodePoint(c)
    i += size
  }
  return text
}

function byteAt(bytes: Uint8Array, i: number): number {
  return bytes[i] ?? 0
}
