/**
 * Error feedback (Seide et al. 2014; Karimireddy et al., arXiv 1901.09847): the sender adds the
 * part of its previous updates that compression dropped to the next one, so nothing is lost for
 * good, only delayed. With top-k at 1–3% this is what makes sparse updates train well
 * (notes/algorithms.md §1, DeMo and SparseLoCo).
 *
 * @remarks
 * `acc = fround(Δ + residual)`, `sent = decode(encode(acc))`, `residual = acc − sent`. The
 * subtraction is exact in float32 (a dropped value leaves `acc` itself; a kept one is within a
 * factor of two of `acc`, Sterbenz's lemma), so `sent + residual` equals `acc` bit for bit.
 */
import { CompressionError } from '../errors.ts'
import { decodeVector, encodeVector } from './codec.ts'
import type { CompressionSpec } from './spec.ts'
import { assertSpec } from './spec.ts'

/** One compressed step: the bytes to send and the vector the receivers will decode. */
export interface FeedbackStep {
  readonly payload: Uint8Array
  readonly sent: Float32Array
}

/** A sender's compressor that keeps the residual between rounds. */
export class ErrorFeedback {
  readonly spec: CompressionSpec
  readonly #residual: Float32Array

  constructor(spec: CompressionSpec, dimension: number) {
    assertSpec(spec, dimension)
    this.spec = spec
    this.#residual = new Float32Array(dimension)
  }

  /** A copy of what has been dropped so far and not yet sent. */
  get residual(): Float32Array {
    return this.#residual.slice()
  }

  /** Compresses `delta` plus the residual and keeps what this payload drops. */
  compress(delta: Float32Array): FeedbackStep {
    const r = this.#residual
    if (delta.length !== r.length) {
      throw new CompressionError(`delta has ${delta.length} values, expected ${r.length}`)
    }
    const acc = new Float32Array(r.length)
    for (let i = 0; i < acc.length; i++) acc[i] = (delta[i] ?? 0) + (r[i] ?? 0)
    const payload = encodeVector(acc, this.spec)
    const decoded = decodeVector(payload, { dimension: acc.length })
    if (!decoded.ok) throw new CompressionError(`own payload refused: ${decoded.reason.detail}`)
    const sent = decoded.value.vector
    for (let i = 0; i < acc.length; i++) r[i] = (acc[i] ?? 0) - (sent[i] ?? 0)
    return { payload, sent }
  }

  /** Forgets the residual (after a rejoin, when the base model changed under it). */
  reset(): void {
    this.#residual.fill(0)
  }
}
