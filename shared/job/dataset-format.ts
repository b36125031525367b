/**
 * The compact dataset format shipped under `public/data/` (`swarm-dataset-v1`, then gzip).
 *
 * @remarks
 * Layout, all integers little-endian:
 * | bytes | field |
 * |---|---|
 * | 0..4 | magic `SWDS` |
 * | 4 | version (1) |
 * | 5, 6, 7 | rows, cols, channels (uint8 each) |
 * | 8..12 | count (uint32) |
 * | 12 | classes (uint8) |
 * | 13..16 | zero |
 * | 16.. | `count` labels, one uint8 each |
 * | then | `count · rows · cols · channels` pixels, uint8, NHWC row-major |
 * The file is gzip-compressed as shipped; the manifest's SHA-256 covers the decoded bytes, so a
 * server that undoes the gzip on the fly changes nothing.
 */
import type { Result } from '../types/index.ts'
import { DATASET_FORMAT_VERSION, DATASET_HEADER_BYTES, DATASET_MAGIC } from './constants.ts'

/** What a dataset file's header says. */
export interface DatasetHeader {
  readonly count: number
  readonly rows: number
  readonly cols: number
  readonly channels: number
  readonly classes: number
}

/** A decoded dataset: views into the file's bytes, no copies. */
export interface DecodedDataset {
  readonly header: DatasetHeader
  readonly labels: Uint8Array
  readonly pixels: Uint8Array
}

/** Total decoded size of a file with this header. */
export function datasetByteLength(h: DatasetHeader): number {
  return DATASET_HEADER_BYTES + h.count * (1 + h.rows * h.cols * h.channels)
}

/** Writes the 16-byte header. */
export function encodeDatasetHeader(h: DatasetHeader): Uint8Array {
  const out = new Uint8Array(DATASET_HEADER_BYTES)
  out.set(DATASET_MAGIC, 0)
  out[4] = DATASET_FORMAT_VERSION
  out[5] = h.rows
  out[6] = h.cols
  out[7] = h.channels
  new DataView(out.buffer).setUint32(8, h.count, true)
  out[12] = h.classes
  return out
}

/** Decodes and checks a whole file; the reason names what is wrong. */
export function decodeDataset(bytes: Uint8Array): Result<DecodedDataset> {
  if (bytes.length < DATASET_HEADER_BYTES) {
    return {
      ok: false,
      reason: `truncated: ${bytes.length} bytes, shorter than the ${DATASET_HEADER_BYTES}-byte header`,
    }
  }
  if (!DATASET_MAGIC.every((b, i) => bytes[i] === b))
    return { ok: false, reason: 'not a swarm dataset (bad magic)' }
  if (bytes[4] !== DATASET_FORMAT_VERSION)
    return { ok: false, reason: `unsupported format version ${bytes[4]}` }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const header: DatasetHeader = {
    rows: bytes[5] as number,
    cols: bytes[6] as number,
    channels: bytes[7] as number,
    count: view.getUint32(8, true),
    classes: bytes[12] as number,
  }
  const expected = datasetByteLength(header)
  if (bytes.length < expected) {
    return {
      ok: false,
      reason: `truncated: ${bytes.length} bytes, the header promises ${expected}`,
    }
  }
  if (bytes.length > expected)
    return { ok: false, reason: `${bytes.length - expected} bytes of trailing garbage` }
  const labels = bytes.subarray(DATASET_HEADER_BYTES, DATASET_HEADER_BYTES + header.count)
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] as number) >= header.classes) {
      return {
        ok: false,
        reason: `label ${i} is ${labels[i]}, not below the ${header.classes} classes`,
      }
    }
  }
  return {
    ok: true,
    value: { header, labels, pixels: bytes.subarray(DATASET_HEADER_BYTES + header.count) },
  }
}
