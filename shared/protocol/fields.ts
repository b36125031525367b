/**
 * Field codecs: how one field of a message is written and read. Each decoder validates its value
 * completely (range, length, pattern, finiteness), so a decoded message needs no further checks.
 *
 * @remarks Every valid value has exactly one encoding and every encoding decodes to the value it
 * came from, which makes the bytes of a message canonical: its hash identifies it.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { Height, HashHex, JobId, NodeId, PeerIdString } from '../types/index.ts'
import { asHashHex, asHeight, asJobId, asNodeId, asPeerId } from '../types/index.ts'
import { MAX_TEXT_BYTES } from './constants.ts'
import { DecodeError, EncodeError } from './errors.ts'
import type { ByteReader } from './reader.ts'
import { encodeUtf8 } from './utf8.ts'
import type { ByteWriter } from './writer.ts'

/** Writes and reads one field's value. Encoders throw `EncodeError`, decoders `DecodeError`. */
export interface FieldCodec<T> {
  readonly encode: (writer: ByteWriter, value: T) => void
  readonly decode: (reader: ByteReader) => T
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new DecodeError(message)
}

function checkEncode(condition: boolean, message: string): void {
  if (!condition) throw new EncodeError(message)
}

/** A safe integer in `[min, max]`, as a varuint. */
export function uint(min = 0, max = Number.MAX_SAFE_INTEGER): FieldCodec<number> {
  return {
    encode: (w, v) => {
      checkEncode(Number.isSafeInteger(v) && v >= min && v <= max, `${v} not in [${min}, ${max}]`)
      w.varuint(v)
    },
    decode: (r) => {
      const v = r.varuint(max)
      check(v >= min, `${v} below ${min}`)
      return v
    },
  }
}

/** A height of the round log. */
export const height: FieldCodec<Height> = {
  encode: (w, v) => {
    checkEncode(asHeight(v).ok, `not a height: ${v}`)
    w.varuint(v)
  },
  decode: (r) => r.varuint() as Height,
}

/** A finite 32-bit float in `[min, max]`; `-0` is kept as `-0`. */
export function f32(min = -Infinity, max = Infinity): FieldCodec<number> {
  return {
    encode: (w, v) => {
      checkEncode(Number.isFinite(v) && v >= min && v <= max, `${v} not a finite in range`)
      w.f32(v)
    },
    decode: (r) => {
      const v = r.f32()
      check(Number.isFinite(v), 'float is not finite')
      check(v >= min && v <= max, `${v} not in [${min}, ${max}]`)
      return v
    },
  }
}

/** Exactly `length` bytes, no prefix. */
export function fixedBytes(length: number): FieldCodec<Uint8Array> {
  return {
    encode: (w, v) => {
      checkEncode(v instanceof Uint8Array && v.length === length, `needs ${length} bytes`)
      w.raw(v)
    },
    decode: (r) => r.raw(length),
  }
}

/** Up to `maxLength` bytes with a length prefix. */
export function bytes(maxLength: number): FieldCodec<Uint8Array> {
  return {
    encode: (w, v) => {
      checkEncode(v instanceof Uint8Array && v.length <= maxLength, `over ${maxLength} bytes`)
      w.bytes(v)
    },
    decode: (r) => r.bytes(maxLength),
  }
}

/** UTF-8 text of at most `maxBytes`, optionally restricted by a validator. */
export function text<T extends string = string>(
  maxBytes = MAX_TEXT_BYTES,
  valid: (value: string) => boolean = () => true,
): FieldCodec<T> {
  return {
    encode: (w, v) => {
      checkEncode(typeof v === 'string' && valid(v), `invalid text ${JSON.stringify(v)}`)
      const raw = encodeUtf8(v)
      checkEncode(raw.length <= maxBytes, `text over ${maxBytes} bytes`)
      w.bytes(raw)
    },
    decode: (r) => {
      const v = r.text(maxBytes)
      check(valid(v), 'text fails its pattern')
      return v as T
    },
  }
}

// 32 raw bytes on the wire, 64 lowercase hex in memory.
function hex32<T extends string>(name: string, valid: (v: string) => boolean): FieldCodec<T> {
  return {
    encode: (w, v) => {
      checkEncode(typeof v === 'string' && valid(v), `not a ${name}: ${String(v)}`)
      w.raw(hexToBytes(v))
    },
    decode: (r) => bytesToHex(r.view(32)) as T,
  }
}

/** A node id: 32 bytes on the wire. */
export const nodeId: FieldCodec<NodeId> = hex32<NodeId>('node id', (v) => asNodeId(v).ok)

/** A SHA-256 hash: 32 bytes on the wire. */
export const hash: FieldCodec<HashHex> = hex32<HashHex>('hash', (v) => asHashHex(v).ok)

/** A job id: short text matching `asJobId`. */
export const jobId: FieldCodec<JobId> = text<JobId>(64, (v) => asJobId(v).ok)

/** A libp2p peer id string. */
export const peerId: FieldCodec<PeerIdString> = text<PeerIdString>(64, (v) => asPeerId(v).ok)

/** A boolean as one byte, 0 or 1. */
export const bool: FieldCodec<boolean> = {
  encode: (w, v) => {
    checkEncode(typeof v === 'boolean', 'not a boolean')
    w.u8(v ? 1 : 0)
  },
  decode: (r) => {
    const v = r.u8()
    check(v <= 1, 'boolean byte is not 0 or 1')
    return v === 1
  },
}

/** A non-negative bigint of at most `maxBytes` varint bytes (token amounts, nonces). */
export function biguint(maxBytes = 10): FieldCodec<bigint> {
  return {
    encode: (w, v) => {
      checkEncode(typeof v === 'bigint' && v >= 0n, 'not a non-negative bigint')
      const before = w.length
      w.bigvaruint(v)
      checkEncode(w.length - before <= maxBytes, `integer over ${maxBytes} varint bytes`)
    },
    decode: (r) => r.bigvaruint(maxBytes),
  }
}

/** A list of at most `maxItems` values, prefixed by its length. */
export function list<T>(item: FieldCodec<T>, maxItems: number): FieldCodec<readonly T[]> {
  return {
    encode: (w, v) => {
      checkEncode(Array.isArray(v) && v.length <= maxItems, `list over ${maxItems} items`)
      w.varuint(v.length)
      for (const x of v) item.encode(w, x)
    },
    decode: (r) => {
      const n = r.varuint(maxItems)
      const out: T[] = []
      for (let i = 0; i < n; i++) out.push(item.decode(r))
      return out
    },
  }
}
