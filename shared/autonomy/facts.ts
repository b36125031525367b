/**
 * Facts: the flat, named observations a tick's Monitor stage gathers and the rules reason over.
 *
 * @remarks
 * A fact is a JSON scalar (finite number, string, boolean). A fact the platform cannot observe
 * (no Battery Status API, no Compute Pressure API, no round finished yet) is absent rather than
 * guessed, and a condition on an absent fact does not hold.
 */

/** The value of one fact. */
export type FactValue = number | string | boolean

/** The facts of one tick, by name. */
export type Facts = Readonly<Partial<Record<FactName, FactValue>>>

/** Compute Pressure API states (W3C Compute Pressure Level 1, §"Pressure states"). */
export const PRESSURE_STATES = ['nominal', 'fair', 'serious', 'critical'] as const

/** A Compute Pressure state. */
export type PressureState = (typeof PRESSURE_STATES)[number]

/** Backends a rule may ask for: a tfjs backend, or `auto` (measure and pick). */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const

/** A backend choice. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number]

/** Every fact Monitor reports (see `loop/monitor.ts`). */
export type FactName =
  /** Battery charge in [0, 1], and whether the device is plugged in (Battery Status API). */
  | 'battery.level'
  | 'battery.charging'
  /** The tab is visible (Page Visibility API). */
  | 'tab.visible'
  /** CPU compute pressure, a `PressureState` (Compute Pressure API). */
  | 'pressure.state'
  /** Median time of one inner step in ms, and the backend the trainer runs on. */
  | 'train.stepMs'
  | 'train.backend'
  /** Latest height seen to finish, heights behind the swarm, missed deadlines in a row. */
  | 'round.height'
  | 'round.lag'
  | 'round.missedStreak'
  /** Share of the node's recent updates included in a block, and how many it is over. */
  | 'updates.acceptanceRate'
  | 'updates.samples'
  /** rUv earned per hour over the last hour. */
  | 'tokens.perHour'
  /** Least-squares slope of the training loss per round (negative: improving). */
  | 'loss.trend'
  /** The user's settings. */
  | 'settings.trainOnBattery'
  | 'settings.trainWhenHidden'
  | 'settings.paused'
  | 'settings.maxDutyCycle'
  /** The controls in force. */
  | 'control.paused'
  | 'control.dutyCycle'
  | 'control.innerSteps'
  | 'control.backend'
  | 'control.compression'

/** The type of a JSON scalar, or undefined for anything else (NaN and infinities included). */
export function factTypeOf(value: unknown): 'number' | 'string' | 'boolean' | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return undefined
}
