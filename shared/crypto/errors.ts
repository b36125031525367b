/** Raised when a signing context cannot be built (bad job id or kind, or too long). */
export class SigningContextError extends Error {
  override name = 'SigningContextError'
}

/** Raised when key material has the wrong length or shape for the operation. */
export class KeyMaterialError extends Error {
  override name = 'KeyMaterialError'
}
