/** Raised when a storage call is given an already-aborted signal. */
export class AbortError extends Error {
  override name = 'AbortError'
  constructor(message = 'the operation was aborted', options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** Raised for a key that no storage accepts (empty, too long, or not a string). */
export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError'
}
