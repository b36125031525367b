/** Errors of the transport module; branch on `err.name`. */

/** A stream ended before the frame being read was whole. */
export class StreamEndedError extends Error {
  override readonly name = 'StreamEndedError'
}
