/**
 * The node's controls: take part or not, pause, the duty cycle and H. Their values live in the
 * dashboard store's `node` slice (the one store); this module changes them, tells the trainer
 * and the chain app, and answers `contributing`, the one place that says whether this node
 * trains and sends updates now.
 */
import type { DilocoApp } from '../../shared/chain/index.ts'
import type { NodeFeed } from '../state/node-feed.ts'
import type { TrainerClient } from './trainer-client.ts'

/** What the controls act on; each may be absent while the node starts. */
export interface ControlledParts {
  trainer(): TrainerClient | undefined
  app(): DilocoApp | undefined
  /** The running round no longer says anything about the node's speed (paused, left). */
  disturbed(): void
}

/** The node's controls over the store's `node` slice. */
export class NodeControls {
  readonly #feed: NodeFeed
  readonly #parts: ControlledParts

  constructor(feed: NodeFeed, parts: ControlledParts) {
    this.#feed = feed
    this.#parts = parts
  }

  /** The node takes part in consensus (false after the donor left). */
  get participating(): boolean {
    return this.#feed.current.participating
  }

  /** Training is paused (the node still votes). */
  get paused(): boolean {
    return this.#feed.current.paused
  }

  /** Share of wall time the trainer may compute. */
  get dutyCycle(): number {
    return this.#feed.current.dutyCycle
  }

  /** H in force (undefined: the job's). */
  get innerSteps(): number | undefined {
    return this.#feed.current.innerSteps
  }

  /** The node trains and sends updates: it takes part and is not paused. */
  get contributing(): boolean {
    return this.participating && !this.paused
  }

  /** Tells the chain app whether to contribute (after any change, and to a new app). */
  sync(): void {
    const app = this.#parts.app()
    if (app !== undefined) app.contributing = this.contributing
    if (!this.contributing) this.#parts.disturbed()
  }

  /** Takes part or not; returns whether that changed. */
  participate(on: boolean): boolean {
    if (on === this.participating) return false
    this.#feed.set({ participating: on })
    this.sync()
    return true
  }

  /** Stops training (the running round stops at its next step; the node still votes). */
  async pause(): Promise<void> {
    this.#feed.set({ paused: true })
    this.sync()
    await this.#parts.trainer()?.pause()
  }

  /** Trains again from the next height (a paused round in the worker continues now). */
  async resume(): Promise<void> {
    this.#feed.set({ paused: false })
    this.sync()
    await this.#parts.trainer()?.resume()
  }

  /** Lets the trainer compute only this fraction (0, 1] of wall time. */
  async setDutyCycle(fraction: number): Promise<void> {
    if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`duty cycle ${fraction}`)
    await this.#parts.trainer()?.setDutyCycle(fraction)
    this.#feed.set({ dutyCycle: fraction })
  }

  /** Sets H for the next rounds, at most `max` (the job's). */
  setInnerSteps(steps: number, max: number | undefined): Promise<void> {
    if (!Number.isInteger(steps) || steps < 1 || (max !== undefined && steps > max))
      return Promise.reject(new RangeError(`H must be an integer in [1, ${max ?? '∞'}]`))
    this.#feed.set({ innerSteps: steps })
    return Promise.resolve()
  }

  /** Applies to a new worker the controls set before it existed (the saved settings). */
  async applyTo(trainer: TrainerClient): Promise<void> {
    if (this.dutyCycle !== 1) await trainer.setDutyCycle(this.dutyCycle)
    if (this.paused) await trainer.pause()
  }
}
