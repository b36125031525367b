/**
 * Facts: the flat, named observations a tick's Monitor stage gathers and the rules reason over.
 *
 * @remarks
 * A fact is a JSON scalar (finite number, string, boolean). A fact the platform cannot observe
 * (no Battery Status API, no Compute Pressure API, no round finished yet) is absent rather than
 * guessed; conditions on an absent fact are false, and `exists` tests for it. Rules may only name
 * facts of this catalogue, with literals of the fact's type, so a typo fails on load, not silently.
 */

/** The value of one fact. */
export type FactValue = number | string | boolean

/** The facts of one tick, by name. */
export type Facts = Readonly<Record<string, FactValue>>

/** What the catalogue knows of one fact. */
export interface FactSpec {
  readonly type: 'number' | 'string' | 'boolean'
  /** The only values a string fact takes, when they are a fixed set. */
  readonly values?: readonly string[]
  /** One line for the UI and the docs. */
  readonly description: string
}

/** Compute Pressure API states (W3C Compute Pressure Level 1, §"Pressure states"). */
export const PRESSURE_STATES = ['nominal', 'fair', 'serious', 'critical'] as const

/** A Compute Pressure state. */
export type PressureState = (typeof PRESSURE_STATES)[number]

/** Backends a rule may ask for: a tfjs backend, or `auto` (measure and pick). */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const

/** A backend choice. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number]

/** Every fact a rule may name. */
export const FACT_CATALOGUE: Readonly<Record<string, FactSpec>> = {
  'battery.level': { type: 'number', description: 'battery charge in [0, 1]' },
  'battery.charging': { type: 'boolean', description: 'the device is plugged in' },
  'tab.visible': { type: 'boolean', description: 'the tab is visible (Page Visibility API)' },
  'pressure.state': {
    type: 'string',
    values: PRESSURE_STATES,
    description: 'CPU compute pressure (Compute Pressure API)',
  },
  'train.stepMs': { type: 'number', description: 'median time of one inner step, in ms' },
  'train.backend': {
    type: 'string',
    values: BACKEND_CHOICES,
    description: 'the backend the trainer runs on',
  },
  'round.height': { type: 'number', description: 'latest height the node saw finish' },
  'round.lag': { type: 'number', description: 'heights the node is behind the swarm' },
  'round.missedStreak': {
    type: 'number',
    description: 'latest rounds in a row whose deadline the node missed',
  },
  'updates.acceptanceRate': {
    type: 'number',
    description: 'share of the node’s recent updates that were included in a block',
  },
  'updates.samples': {
    type: 'number',
    description: 'own updates the acceptance rate is computed over',
  },
  'tokens.perHour': { type: 'number', description: 'rUv earned per hour over the last hour' },
  'loss.trend': {
    type: 'number',
    description: 'least-squares slope of the training loss per round (negative: improving)',
  },
  'settings.trainOnBattery': { type: 'boolean', description: 'user allows training on battery' },
  'settings.trainWhenHidden': {
    type: 'boolean',
    description: 'user allows full-speed training in a hidden tab',
  },
  'settings.paused': { type: 'boolean', description: 'user paused the node' },
  'settings.maxDutyCycle': { type: 'number', description: 'user’s highest duty cycle' },
  'control.paused': { type: 'boolean', description: 'training is paused now' },
  'control.dutyCycle': { type: 'number', description: 'duty cycle now' },
  'control.innerSteps': { type: 'number', description: 'H, the inner steps per round, now' },
  'control.backend': {
    type: 'string',
    values: BACKEND_CHOICES,
    description: 'backend choice now',
  },
  'control.compression': { type: 'number', description: 'compression level now' },
}

/** Whether `name` is a fact of the catalogue. */
export function isKnownFact(name: string): boolean {
  return Object.hasOwn(FACT_CATALOGUE, name)
}

/** The type of a JSON scalar, as the catalogue names types, or undefined for anything else. */
export function factTypeOf(value: unknown): FactSpec['type'] | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return undefined
}
