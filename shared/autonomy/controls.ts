/** The knobs the autonomy loop turns: what the `Actuators` apply and the rules and Adapt ask for. */
import type { BackendChoice } from './facts.ts'

/** The node's training controls at one moment. */
export interface Controls {
  /** Training is paused. */
  readonly paused: boolean
  /** Fraction (0, 1] of wall time the trainer computes. */
  readonly dutyCycle: number
  /** H: most inner steps per round. */
  readonly innerSteps: number
  /** Which tfjs backend to run on (`auto`: measure and choose). */
  readonly backend: BackendChoice
  /** Update compression level, 0 (none) to `MAX_COMPRESSION_LEVEL` (smallest). */
  readonly compression: number
}

/** The name of one control. */
export type ControlName = keyof Controls

/** A request for one control's value, and who asked (`rule:<id>`, `adapt`, `baseline`). */
export interface ControlRequest<K extends ControlName> {
  readonly value: Controls[K]
  readonly by: string
}

/** What the rules asked for this tick, per control; a missing control was left alone. */
export type ControlRequests = { readonly [K in ControlName]?: ControlRequest<K> }
