/**
 * Encoding and decoding of flat `Float32Array` updates under a `CompressionSpec`.
 *
 * @remarks
 * Encoders take trusted input (the node's own pseudo-gradient) and throw `CompressionError` on a
 * non-finite value. Decoders take bytes from peers: they check the header, the exact length and
 * every value, and never return a vector with a non-finite entry. All multi-byte numbers are
 * little-endian, whatever the platform.
 */
import type { Result } from '../../types/index.ts'
import type { Rejection } from '../../protocol/index.ts'
import { ByteReader, ByteWriter, DecodeError, reject } from '../../protocol/index.ts'
import { CompressionError } from '../errors.ts'
import { halfTable, isHalfNonFinite, toHalfBits } from './f16.ts'
import { readInt8, writeInt8 } from './int8.ts'
import { topKIndices } from './select.ts'
import type { CompressionSpec } from './spec.ts'
import { assertSpec, bodySize, readHeader, writeHeader } from './spec.ts'

/** A decoded payload: the vector and the spec its header named. */
export interface DecodedVector {
  readonly vector: Float32Array
  readonly spec: CompressionSpec
}

/** What a decoder must be told: the model's dimension (a payload must match it). */
export interface DecodeOptions {
  readonly dimension: number
}

/** Compresses `x` under `spec`; the result is exactly `compressedSize(spec, x.length)` bytes. */
export function encodeVector(x: Float32Array, spec: CompressionSpec): Uint8Array {
  const d = x.length
  assertSpec(spec, d)
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(x[i])) throw new CompressionError(`value ${i} is not finite`)
  }
  const header = new ByteWriter(32)
  writeHeader(header, spec, d)
  const start = header.length
  const out = new Uint8Array(start + bodySize(spec, d))
  out.set(header.finish(), 0)
  switch (spec.type) {
    case 'f32': {
      const view = new DataView(out.buffer, start)
      for (let i = 0; i < d; i++) view.setFloat32(4 * i, x[i] ?? 0, true)
      break
    }
    case 'f16':
      for (let i = 0, p = start; i < d; i++, p += 2) {
        const h = toHalfBits(x[i] ?? 0)
        out[p] = h & 0xff
        out[p + 1] = h >>> 8
      }
      break
    case 'int8':
      writeInt8(x, spec.chunk, out, start)
      break
    case 'topk': {
      const indices = topKIndices(x, spec.k)
      const view = new DataView(out.buffer, start, 4 * spec.k)
      const values = new Float32Array(spec.k)
      for (let j = 0; j < spec.k; j++) {
        const i = indices[j] ?? 0
        view.setUint32(4 * j, i, true)
        values[j] = x[i] ?? 0
      }
      writeInt8(values, spec.chunk, out, start + 4 * spec.k)
      break
    }
  }
  return out
}

/** Decodes a payload from a peer: the vector, or why the bytes are refused. Never throws. */
export function decodeVector(
  bytes: Uint8Array,
  options: DecodeOptions,
): Result<DecodedVector, Rejection> {
  try {
    const reader = new ByteReader(bytes)
    const { spec, d } = readHeader(reader)
    if (d !== options.dimension) {
      return reject('malformed', `payload has ${d} values, the model ${options.dimension}`)
    }
    const start = reader.offset
    const expected = start + bodySize(spec, d)
    if (bytes.length !== expected) {
      return reject(
        'malformed',
        `${spec.type} payload is ${bytes.length} bytes, expected ${expected}`,
      )
    }
    return { ok: true, value: { vector: decodeBody(bytes, start, spec, d), spec } }
  } catch (err) {
    const why = err instanceof DecodeError ? err.message : `unexpected ${String(err)}`
    return reject('malformed', `payload: ${why}`)
  }
}

function decodeBody(bytes: Uint8Array, start: number, spec: CompressionSpec, d: number) {
  const out = new Float32Array(d)
  switch (spec.type) {
    case 'f32': {
      const view = new DataView(bytes.buffer, bytes.byteOffset + start, 4 * d)
      for (let i = 0; i < d; i++) {
        const v = view.getFloat32(4 * i, true)
        if (!Number.isFinite(v)) throw new DecodeError(`value ${i} is not finite`)
        out[i] = v
      }
      return out
    }
    case 'f16': {
      const table = halfTable()
      for (let i = 0, p = start; i < d; i++, p += 2) {
        const h = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8)
        if (isHalfNonFinite(h)) throw new DecodeError(`value ${i} is not finite`)
        out[i] = table[h] ?? 0
      }
      return out
    }
    case 'int8':
      readInt8(bytes, start, d, spec.chunk, out)
      return out
    case 'topk': {
      const view = new DataView(bytes.buffer, bytes.byteOffset + start, 4 * spec.k)
      const indices = new Uint32Array(spec.k)
      let previous = -1
      for (let j = 0; j < spec.k; j++) {
        const i = view.getUint32(4 * j, true)
        if (i <= previous || i >= d) throw new DecodeError(`index ${j} out of order or range`)
        indices[j] = i
        previous = i
      }
      readInt8(bytes, start + 4 * spec.k, spec.k, spec.chunk, out, indices)
      return out
    }
  }
}
