/**
 * The update headers of the current height, by node, and the wake-up that tells a waiting
 * proposer that one more update (or its payload) is here.
 */
import type { UpdateMessage } from '../protocol/index.ts'
import type { NodeId } from '../types/index.ts'
import type { Clock } from '../node/clock.ts'

/** A signed update header as received (or sealed here) and its opened message. */
export interface HeldUpdate {
  readonly envelope: Uint8Array
  readonly message: UpdateMessage
}

/** Orders anything with a `node` by node id (blocks list updates sorted). */
export const byNode = (a: { node: NodeId }, b: { node: NodeId }): number =>
  a.node < b.node ? -1 : a.node > b.node ? 1 : 0

/** This height's update headers. */
export class HeightUpdates {
  #headers = new Map<NodeId, HeldUpdate>()
  #wake: (() => void) | undefined

  /** Forgets the previous height's headers. */
  reset(): void {
    this.#headers = new Map()
  }

  /** Whether `node`'s update of this height is here. */
  has(node: NodeId): boolean {
    return this.#headers.has(node)
  }

  get(node: NodeId): HeldUpdate | undefined {
    return this.#headers.get(node)
  }

  /** Keeps `node`'s update (the caller checked it). */
  set(node: NodeId, update: HeldUpdate): void {
    this.#headers.set(node, update)
  }

  /** The updates here, in arrival order. */
  values(): HeldUpdate[] {
    return [...this.#headers.values()]
  }

  /** Wakes a proposer waiting in {@link sleep}. */
  notify(): void {
    this.#wake?.()
  }

  /** Resolves after `ms` on `clock`, or at the next {@link notify}, whichever is first. */
  sleep(clock: Clock, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = clock.setTimeout(resolve, ms)
      this.#wake = () => {
        clock.clearTimeout(t)
        resolve()
      }
    })
  }

  /** Ends waiting: a later {@link notify} wakes nobody. */
  stopWaiting(): void {
    this.#wake = undefined
  }
}
