/**
 * Consensus frames for heights this node has not reached yet, kept until it gets there. Their
 * signers may be members it does not know yet, so they are held unopened, a bounded number per
 * height; a frame too far ahead means the node should sync instead.
 */
import type { PeerIdString } from '../types/index.ts'

/** Frames kept per future height at most. */
const MAX_BUFFERED_PER_HEIGHT = 4_096
/** Frames more than this many heights past the certified one are not kept. */
const MAX_HEIGHTS_AHEAD = 3

/** A frame as received. */
export interface HeldFrame {
  readonly bytes: Uint8Array
  readonly from: PeerIdString
}

/** Frames of future heights. */
export class FutureFrames {
  readonly #buffer = new Map<number, HeldFrame[]>()

  /**
   * Keeps a frame of `height` (the node's certified height is `certified`). Returns whether the
   * node is behind its sender: the frame is for a height after the next one, or was not kept.
   */
  add(height: number, frame: HeldFrame, certified: number): boolean {
    const list = this.#buffer.get(height) ?? []
    if (height > certified + MAX_HEIGHTS_AHEAD || list.length >= MAX_BUFFERED_PER_HEIGHT)
      return true
    list.push(frame)
    this.#buffer.set(height, list)
    return height > certified + 1
  }

  /** The frames of `height`, removed with those of earlier heights. */
  take(height: number): HeldFrame[] {
    const frames = this.#buffer.get(height) ?? []
    for (const h of [...this.#buffer.keys()]) if (h <= height) this.#buffer.delete(h)
    return frames
  }
}
