/**
 * Raised for a compression spec or an input vector the encoders cannot take (a caller bug: peers'
 * bytes go through the decoders, which return reasons instead).
 */
export class CompressionError extends Error {
  override name = 'CompressionError'
}

/** Raised for an outer-optimizer call with mismatched vector lengths or invalid settings. */
export class OuterStepError extends Error {
  override name = 'OuterStepError'
}
