/**
 * Reads the primitive encodings of `writer.ts` from untrusted bytes. Every read checks bounds and
 * canonical form (minimal varints, well-formed UTF-8) and throws `DecodeError` otherwise; the
 * public decoders turn that into `{ ok: false, reason }`.
 */
import { MAX_VARUINT_BYTES } from './constants.ts'
import { DecodeError } from './errors.ts'
import { decodeUtf8 } from './utf8.ts'

/** A cursor over bytes that refuses anything malformed. */
export class ByteReader {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  #offset = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** Position of the next byte to read. */
  get offset(): number {
    return this.#offset
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.#bytes.length - this.#offset
  }

  /** One byte. */
  u8(): number {
    this.#need(1)
    return this.#bytes[this.#offset++] ?? 0
  }

  /** A minimal unsigned LEB128 varint no larger than `max` (default: largest safe integer). */
  varuint(max = Number.MAX_SAFE_INTEGER): number {
    let value = 0
    let scale = 1
    for (let i = 0; i < MAX_VARUINT_BYTES; i++) {
      const byte = this.u8()
      value += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) {
        if (byte === 0 && i > 0) throw new DecodeError('varint is not minimal')
        if (value > max) throw new DecodeError(`value ${value} exceeds ${max}`)
        return value
      }
      scale *= 0x80
    }
    throw new DecodeError('varint longer than 8 bytes')
  }

  /** A minimal unsigned LEB128 varint of at most `maxBytes` bytes, as a bigint. */
  bigvaruint(maxBytes: number): bigint {
    let value = 0n
    let shift = 0n
    for (let i = 0; i < maxBytes; i++) {
      const byte = this.u8()
      value |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) {
        if (byte === 0 && i > 0) throw new DecodeError('varint is not minimal')
        return value
      }
      shift += 7n
    }
    throw new DecodeError(`varint longer than ${maxBytes} bytes`)
  }

  /** A little-endian 32-bit float (any bit pattern; callers check finiteness). */
  f32(): number {
    this.#need(4)
    const value = this.#view.getFloat32(this.#offset, true)
    this.#offset += 4
    return value
  }

  /** A little-endian 64-bit float. */
  f64(): number {
    this.#need(8)
    const value = this.#view.getFloat64(this.#offset, true)
    this.#offset += 8
    return value
  }

  /** `length` raw bytes, copied out so the result never aliases the input. */
  raw(length: number): Uint8Array {
    this.#need(length)
    const out = this.#bytes.slice(this.#offset, this.#offset + length)
    this.#offset += length
    return out
  }

  /** `length` raw bytes as a view into the input (no copy; for hot paths that only read). */
  view(length: number): Uint8Array {
    this.#need(length)
    const out = this.#bytes.subarray(this.#offset, this.#offset + length)
    this.#offset += length
    return out
  }

  /** Length-prefixed bytes of at most `maxLength`. */
  bytes(maxLength: number): Uint8Array {
    return this.raw(this.varuint(maxLength))
  }

  /** Length-prefixed UTF-8 text of at most `maxBytes` bytes. */
  text(maxBytes: number): string {
    return decodeUtf8(this.view(this.varuint(maxBytes)))
  }

  /** Throws unless every byte has been read. */
  end(): void {
    if (this.remaining !== 0) throw new DecodeError(`${this.remaining} trailing bytes`)
  }

  #need(length: number): void {
    if (length > this.#bytes.length - this.#offset) {
      throw new DecodeError(
        `needs ${length} bytes at offset ${this.#offset}, has ${this.remaining}`,
      )
    }
  }
}
