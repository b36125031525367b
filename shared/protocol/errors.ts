/**
 * Raised when asked to encode a value that no valid message holds (a bug in the caller, never a
 * peer's fault: peers' bytes go through `decode`, which returns reasons instead).
 */
export class EncodeError extends Error {
  override name = 'EncodeError'
}

/**
 * Raised inside the decoders when the bytes are malformed. It never escapes this module: every
 * public decoder catches it and returns `{ ok: false, reason }`.
 */
export class DecodeError extends Error {
  override name = 'DecodeError'
}
