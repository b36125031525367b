/**
 * What the loop observes, what it turns and how it tells time: small injected interfaces, so the
 * same loop runs over browser APIs and the node in the app, over the simulator's fakes, and over
 * hand-written fakes in tests.
 *
 * @remarks
 * Every sensor is optional and may answer synchronously or with a promise; one that is missing,
 * answers `undefined`, throws or rejects simply leaves its facts absent for that tick. Browser
 * sensors (battery, visibility, pressure) live in `app/autonomy/sensors.ts`; the node's sensors
 * (training, rounds, tokens) and the actuators come from the node (`app/autonomy/node-io.ts`).
 * The loop calls an actuator only when the value changes, and treats a rejection as a failed
 * action: it is written to the audit log and retried next tick.
 */
import type { BackendChoice, PressureState } from '../facts.ts'

/** A value now or later. */
export type MaybePromise<T> = T | Promise<T>

/** Wall-clock time (ms since the epoch); a fake in tests. Not `shared/node`'s `Clock`: no timers. */
export interface WallClock {
  now(): number
}

/** Battery Status API reading. */
export interface BatteryReading {
  /** Charge in [0, 1]. */
  readonly level: number
  readonly charging: boolean
}

/** What the trainer reports about its recent work. */
export interface TrainingReading {
  /** Median time of one inner step, in ms. */
  readonly stepMs?: number
  /** The backend it runs on. */
  readonly backend?: BackendChoice
}

/**
 * The final outcome of one round for this node, reported once the block of that height is
 * certified (so it never changes afterwards).
 */
export interface RoundOutcome {
  readonly height: number
  /** The node trained for this round and sent an update. */
  readonly submitted: boolean
  /** The node trained for this round but its update was not ready by the round's deadline. */
  readonly missedDeadline: boolean
  /** The node's update was included in the certified block (meaningless unless submitted). */
  readonly accepted: boolean
  /** Mean training loss of the node's round, when it trained. */
  readonly trainLoss?: number
}

/** What the node reports about the rounds. */
export interface RoundsReading {
  /** Highest certified height the swarm is known to have reached. */
  readonly swarmHeight: number
  /** Height the node's state is at. */
  readonly nodeHeight: number
  /**
   * The latest outcomes, oldest first, at most a few dozen; the loop takes those it has not seen
   * (by height), so repeating an outcome across reads is harmless.
   */
  readonly recent: readonly RoundOutcome[]
}

/** Injected observations; every one optional. */
export interface Sensors {
  battery?(): MaybePromise<BatteryReading | undefined>
  /** Whether the tab is visible (Page Visibility API). */
  visible?(): MaybePromise<boolean | undefined>
  /** CPU compute pressure (Compute Pressure API). */
  pressure?(): MaybePromise<PressureState | undefined>
  training?(): MaybePromise<TrainingReading | undefined>
  rounds?(): MaybePromise<RoundsReading | undefined>
  /** The node's token balance in rUv (a float for monitoring; the ledger keeps integers). */
  balance?(): MaybePromise<number | undefined>
}

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
