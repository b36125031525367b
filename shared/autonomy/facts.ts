/**
 * The loop's vocabulary. Facts: the flat, named observations a tick's Monitor stage gathers and
 * the rules reason over. Controls: the knobs the loop turns, what the `Actuators` apply and the
 * rules and Adapt ask for.
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

/**
 * Every fact Monitor reports (see `loop/monitor.ts`): the battery's charge in [0, 1] and whether
 * it charges; whether the tab is visible; the compute pressure state; the median step time in ms
 * and the trainer's backend; the latest finished height, the heights behind the swarm and the
 * missed deadlines in a row; the share of recent own updates included in a block and over how
 * many; rUv earned per hour; the loss trend per round (negative: improving); the user's settings;
 * and the controls in force.
 */
export type FactName =
  | `battery.${'level' | 'charging'}`
  | 'tab.visible'
  | 'pressure.state'
  | `train.${'stepMs' | 'backend'}`
  | `round.${'height' | 'lag' | 'missedStreak'}`
  | `updates.${'acceptanceRate' | 'samples'}`
  | 'tokens.perHour'
  | 'loss.trend'
  | `settings.${'trainOnBattery' | 'trainWhenHidden' | 'paused' | 'maxDutyCycle'}`
  | `control.${keyof Controls}`

/** A value as messages show it: strings quoted (cut to 64 characters), other scalars as written. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return `${value}`
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 64))
  return Array.isArray(value)
    ? 'an array'
    : `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`
}

/** The type of a JSON scalar, or undefined for anything else (NaN and infinities included). */
export function factTypeOf(value: unknown): 'number' | 'string' | 'boolean' | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return undefined
}

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

/** What the rules asked for this tick per control, and who asked; a missing one was left alone. */
export type ControlRequests = {
  readonly [K in ControlName]?: { readonly value: Controls[K]; readonly by: string }
}
