/**
 * A growable byte buffer with the primitive encodings of the wire format: unsigned LEB128
 * varints (minimal), little-endian IEEE 754 floats, raw and length-prefixed bytes, UTF-8 text.
 */
import { MAX_VARUINT_BYTES } from './constants.ts'
import { EncodeError } from './errors.ts'
import { encodeUtf8 } from './utf8.ts'

/** Appends encoded values; `finish()` returns exactly the bytes written. */
export class ByteWriter {
  #bytes: Uint8Array
  #view: DataView
  #length = 0

  constructor(capacity = 256) {
    this.#bytes = new Uint8Array(Math.max(16, capacity))
    this.#view = new DataView(this.#bytes.buffer)
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length
  }

  /** One byte, 0–255. */
  u8(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new EncodeError(`not a byte: ${value}`)
    }
    this.#reserve(1)
    this.#bytes[this.#length++] = value
    return this
  }

  /** A safe non-negative integer as a minimal unsigned LEB128 varint (1–8 bytes). */
  varuint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new EncodeError(`not a non-negative safe integer: ${value}`)
    }
    this.#reserve(MAX_VARUINT_BYTES)
    let rest = value
    while (rest >= 0x80) {
      this.#bytes[this.#length++] = (rest % 0x80) | 0x80
      rest = Math.floor(rest / 0x80)
    }
    this.#bytes[this.#length++] = rest
    return this
  }

  /** A non-negative bigint as a minimal unsigned LEB128 varint. */
  bigvaruint(value: bigint): this {
    if (value < 0n) throw new EncodeError(`not a non-negative integer: ${value}`)
    let rest = value
    while (rest >= 0x80n) {
      this.u8(Number(rest & 0x7fn) | 0x80)
      rest >>= 7n
    }
    return this.u8(Number(rest))
  }

  /** A 32-bit float, little-endian. The value must be exactly representable. */
  f32(value: number): this {
    if (Math.fround(value) !== value && !Number.isNaN(value)) {
      throw new EncodeError(`not a float32 value: ${value}`)
    }
    this.#reserve(4)
    this.#view.setFloat32(this.#length, value, true)
    this.#length += 4
    return this
  }

  /** A 64-bit float, little-endian. */
  f64(value: number): this {
    this.#reserve(8)
    this.#view.setFloat64(this.#length, value, true)
    this.#length += 8
    return this
  }

  /** Raw bytes, no length prefix (for fixed-size fields). */
  raw(bytes: Uint8Array): this {
    this.#reserve(bytes.length)
    this.#bytes.set(bytes, this.#length)
    this.#length += bytes.length
    return this
  }

  /** Bytes prefixed by their length as a varuint. */
  bytes(bytes: Uint8Array): this {
    return this.varuint(bytes.length).raw(bytes)
  }

  /** UTF-8 text prefixed by its byte length. */
  text(value: string): this {
    return this.bytes(encodeUtf8(value))
  }

  /** The bytes written, as a fresh array of exactly that length. */
  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length)
  }

  #reserve(extra: number): void {
    const needed = this.#length + extra
    if (needed <= this.#bytes.length) return
    let capacity = this.#bytes.length * 2
    while (capacity < needed) capacity *= 2
    const grown = new Uint8Array(capacity)
    grown.set(this.#bytes.subarray(0, this.#length))
    this.#bytes = grown
    this.#view = new DataView(grown.buffer)
  }
}
