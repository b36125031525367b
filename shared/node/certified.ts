/**
 * The certified log a node holds: blocks with their certificates, by height, and the checkpoint
 * (every block since genesis and the latest state) it builds from them to serve late joiners.
 */
import { encodeCertificate, type Certificate } from '../consensus/certificate.ts'
import { encodeCheckpoint, type CheckpointEntry } from './checkpoint.ts'

/** A block with its certificate, as kept in the log. */
export interface CertifiedBlock {
  readonly block: Uint8Array
  readonly certificate: Certificate
}

/** Certified blocks by height. */
export class CertifiedLog {
  readonly #blocks = new Map<number, CertifiedBlock>()
  #checkpoint: { readonly state: unknown; readonly bytes: Uint8Array } | undefined

  constructor(entries: readonly CertifiedBlock[] = []) {
    for (const entry of entries) this.add(entry)
  }

  /** How many blocks are held. */
  get size(): number {
    return this.#blocks.size
  }

  /** The certified block of `height`, if held. */
  get(height: number): CertifiedBlock | undefined {
    return this.#blocks.get(height)
  }

  /** Keeps a certified block (under its certificate's height). */
  add(entry: CertifiedBlock): void {
    this.#blocks.set(entry.certificate.height, entry)
  }

  /** Every block held, in the order added. */
  values(): CertifiedBlock[] {
    return [...this.#blocks.values()]
  }

  /**
   * A checkpoint of `state` (at `height`) with every certified block since genesis, or
   * `undefined` when a block is missing (the node started from a checkpoint without its log).
   */
  checkpoint<S>(state: S, height: number, encode: (s: S) => Uint8Array): Uint8Array | undefined {
    // The state changes only on commit: one encoding serves every asker at this height.
    const cached = this.#checkpoint
    if (cached?.state === state) return cached.bytes
    const entries: CheckpointEntry[] = []
    for (let h = 1; h <= height; h++) {
      const e = this.#blocks.get(h)
      if (e === undefined) return undefined
      entries.push({ block: e.block, certificate: encodeCertificate(e.certificate) })
    }
    const bytes = encodeCheckpoint({ entries, state: encode(state) })
    this.#checkpoint = { state, bytes }
    return bytes
  }
}
