/**
 * What the loop turns: an interface the app (over the trainer worker and the `SwarmNode`) and the
 * simulator implement. The loop calls a method only when the value changes, in a fixed order, and
 * treats a rejection as a failed action: it is written to the audit log and retried next tick.
 */
import type { BackendChoice } from '../facts.ts'

/** The node's controls as the loop drives them. */
export interface Actuators {
  /** Stops training (a running round waits). */
  pause(): Promise<void>
  resume(): Promise<void>
  /** Trains only this fraction (0, 1] of wall time. */
  setDutyCycle(fraction: number): Promise<void>
  /** Sets H, the most inner steps per round, from the next round on. */
  setInnerSteps(steps: number): Promise<void>
  /** Switches the trainer's backend (`auto`: measure again and choose). */
  setBackend(backend: BackendChoice): Promise<void>
  /** Sets the update compression level, 0 (none) to `MAX_COMPRESSION_LEVEL`. */
  setCompression(level: number): Promise<void>
  /** Drops local state and catches up from the latest verified checkpoint. */
  resync(): Promise<void>
}
