/**
 * Update compression: fp16, int8 per chunk with a float32 scale, and top-k with error feedback,
 * over flat `Float32Array` vectors.
 *
 * @remarks
 * Evidence for DiLoCo pseudo-gradients (notes/algorithms.md §4): fp16 is lossless (OpenDiLoCo),
 * int8 works (INTELLECT-1), top-k at 1–3% with error feedback works (SparseLoCo). Top-k here is
 * global (the k largest magnitudes) with u32 indices and int8 values; receivers decode it to a
 * dense vector, so the coordinate-wise robust rules see zeros outside the support. Payloads are
 * self-describing and their exact size is `compressedSize(spec, d)`.
 */
export * from './constants.ts'
export type { CompressionSpec } from './spec.ts'
export { assertSpec, compressedSize, INT8_DEFAULT, topk } from './spec.ts'
export type { DecodedVector, DecodeOptions } from './codec.ts'
export { decodeVector, encodeVector } from './codec.ts'
export type { FeedbackStep } from './error-feedback.ts'
export { ErrorFeedback } from './error-feedback.ts'
export { topKIndices } from './select.ts'
export { halfTable, toHalfBits } from './f16.ts'
