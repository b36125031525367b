/**
 * Compression specs and the self-describing payload header.
 *
 * @remarks
 * A payload is `codec` (text) ‖ `d` (varuint) ‖ codec parameters (varuints) ‖ data. The header
 * names everything a decoder needs, and the exact size of any payload is a function of the spec
 * and `d` alone (`compressedSize`), so a receiver knows what to fetch before it fetches it.
 */
import type { ByteReader } from '../../protocol/index.ts'
import { ByteWriter, DecodeError } from '../../protocol/index.ts'
import { CompressionError } from '../errors.ts'
import { DEFAULT_INT8_CHUNK, DEFAULT_TOPK_CHUNK, MAX_CHUNK, MAX_DIMENSION } from './constants.ts'

/** How a flat vector is compressed. */
export type CompressionSpec =
  | { readonly type: 'f32' }
  | { readonly type: 'f16' }
  /** int8 per chunk of `chunk` values, each chunk with a float32 scale = max|x| / 127. */
  | { readonly type: 'int8'; readonly chunk: number }
  /** The `k` largest |x|, as u32 indices and int8 values with a scale per `chunk` values. */
  | { readonly type: 'topk'; readonly k: number; readonly chunk: number }

/** The default int8 spec. */
export const INT8_DEFAULT: CompressionSpec = { type: 'int8', chunk: DEFAULT_INT8_CHUNK }

/** A top-k spec keeping `k` values, with the default value chunk. */
export function topk(k: number, chunk = DEFAULT_TOPK_CHUNK): CompressionSpec {
  return { type: 'topk', k, chunk }
}

const isChunk = (c: number) => Number.isSafeInteger(c) && c >= 1 && c <= MAX_CHUNK

/** Throws `CompressionError` unless `spec` is valid for vectors of length `d`. */
export function assertSpec(spec: CompressionSpec, d: number): void {
  if (!Number.isSafeInteger(d) || d < 0 || d > MAX_DIMENSION) {
    throw new CompressionError(`dimension ${d} not in [0, ${MAX_DIMENSION}]`)
  }
  if (spec.type === 'int8' && !isChunk(spec.chunk)) {
    throw new CompressionError(`int8 chunk ${spec.chunk} not in [1, ${MAX_CHUNK}]`)
  }
  if (spec.type === 'topk') {
    if (!isChunk(spec.chunk)) throw new CompressionError(`top-k chunk ${spec.chunk} invalid`)
    if (!Number.isSafeInteger(spec.k) || spec.k < 0 || spec.k > d) {
      throw new CompressionError(`top-k k=${spec.k} not in [0, ${d}]`)
    }
  }
}

/** Writes the header of a payload for `spec` and length `d`. */
export function writeHeader(writer: ByteWriter, spec: CompressionSpec, d: number): void {
  writer.text(spec.type).varuint(d)
  if (spec.type === 'int8') writer.varuint(spec.chunk)
  if (spec.type === 'topk') writer.varuint(spec.k).varuint(spec.chunk)
}

/** Reads and validates a payload header (throws `DecodeError`). */
export function readHeader(reader: ByteReader): { spec: CompressionSpec; d: number } {
  const type = reader.text(8)
  const d = reader.varuint(MAX_DIMENSION)
  switch (type) {
    case 'f32':
    case 'f16':
      return { spec: { type }, d }
    case 'int8': {
      const chunk = reader.varuint(MAX_CHUNK)
      if (chunk < 1) throw new DecodeError('int8 chunk is 0')
      return { spec: { type, chunk }, d }
    }
    case 'topk': {
      const k = reader.varuint(d)
      const chunk = reader.varuint(MAX_CHUNK)
      if (chunk < 1) throw new DecodeError('top-k chunk is 0')
      return { spec: { type, k, chunk }, d }
    }
    default:
      throw new DecodeError(`unknown codec ${JSON.stringify(type)}`)
  }
}

/** Bytes of the header for `spec` and `d`. */
export function headerSize(spec: CompressionSpec, d: number): number {
  const writer = new ByteWriter(32)
  writeHeader(writer, spec, d)
  return writer.length
}

/** Bytes after the header for `spec` and `d`. */
export function bodySize(spec: CompressionSpec, d: number): number {
  switch (spec.type) {
    case 'f32':
      return 4 * d
    case 'f16':
      return 2 * d
    case 'int8':
      return 4 * Math.ceil(d / spec.chunk) + d
    case 'topk':
      return 5 * spec.k + 4 * Math.ceil(spec.k / spec.chunk)
  }
}

/** The exact size in bytes of any payload of `spec` for a vector of length `d`. */
export function compressedSize(spec: CompressionSpec, d: number): number {
  assertSpec(spec, d)
  return headerSize(spec, d) + bodySize(spec, d)
}
