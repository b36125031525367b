/**
 * int8 quantization per chunk: each chunk of `chunk` values gets a float32 scale
 * s = fround(max|x| / 127) and the values q = round(x / s) in [-127, 127]; decoding gives q · s.
 *
 * @remarks
 * Max-abs scaling rather than the μ ± 6σ clipping of INTELLECT-1 (arXiv 2412.01152): it never
 * clips, so the error bound is a hard guarantee, |x̂ − x| ≤ s / 2 ≈ max|x| / 254 per chunk, and an
 * outlier only coarsens its own chunk. The same routine quantizes the values of a top-k payload.
 */
import { DecodeError } from '../../protocol/index.ts'
import { F32_MAX, INT8_LEVELS } from './constants.ts'

const MAX_SCALE = F32_MAX / INT8_LEVELS

/** Writes scales (float32 LE) then levels (int8) for `values` into `out` at `offset`. */
export function writeInt8(
  values: Float32Array,
  chunk: number,
  out: Uint8Array,
  offset: number,
): void {
  const n = values.length
  const chunks = Math.ceil(n / chunk)
  const view = new DataView(out.buffer, out.byteOffset + offset, 4 * chunks)
  const levels = new Int8Array(out.buffer, out.byteOffset + offset + 4 * chunks, n)
  for (let c = 0; c < chunks; c++) {
    const start = c * chunk
    const end = Math.min(n, start + chunk)
    let max = 0
    for (let i = start; i < end; i++) {
      const a = Math.abs(values[i] ?? 0)
      if (a > max) max = a
    }
    const scale = Math.fround(max / INT8_LEVELS)
    view.setFloat32(4 * c, scale, true)
    if (scale === 0) continue // the chunk is (nearly) zero; its levels stay 0
    for (let i = start; i < end; i++) {
      const q = Math.round((values[i] ?? 0) / scale)
      levels[i] = q > INT8_LEVELS ? INT8_LEVELS : q < -INT8_LEVELS ? -INT8_LEVELS : q
    }
  }
}

/**
 * Reads `n` int8-quantized values from `bytes` at `offset` into `out` (at `out[i]`, or at
 * `out[at[i]]` when indices are given). Throws `DecodeError` on a non-finite, negative or too
 * large scale (q · s must stay a finite float32) or on level -128.
 */
export function readInt8(
  bytes: Uint8Array,
  offset: number,
  n: number,
  chunk: number,
  out: Float32Array,
  at?: Uint32Array,
): void {
  const chunks = Math.ceil(n / chunk)
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4 * chunks)
  const levels = new Int8Array(bytes.buffer, bytes.byteOffset + offset + 4 * chunks, n)
  for (let c = 0; c < chunks; c++) {
    const scale = view.getFloat32(4 * c, true)
    if (!(scale >= 0 && scale <= MAX_SCALE) || Object.is(scale, -0)) {
      throw new DecodeError(`chunk ${c} has an invalid scale ${scale}`)
    }
    const start = c * chunk
    const end = Math.min(n, start + chunk)
    for (let i = start; i < end; i++) {
      const q = levels[i] ?? 0
      if (q === -128) throw new DecodeError(`value ${i} uses level -128`)
      if (at === undefined) out[i] = q * scale
      else out[at[i] ?? 0] = q * scale
    }
  }
}
