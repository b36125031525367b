/**
 * The donor's settings as hard limits: the one place where they bind the node.
 *
 * @remarks
 * - Pause, training on battery and full-speed training in a hidden tab are rules over the
 *   `settings.*` facts, so each decision they make names them in the audit log. The loop
 *   evaluates them whatever rules it is given (`withLimits`); the user's pause also suppresses
 *   every other rule (`abort`).
 * - The compute limit (`maxDutyCycle`) and the bounds on H hold over whatever the rules and Adapt
 *   ask for (`planControls`).
 * - Before the loop's first tick the app holds the node paused when these rules say so on the
 *   settings alone (`pausedBySettings`), so a pause chosen while the node loads applies at once.
 *
 * Nothing else reads the settings to decide a control: Adapt reads them only to keep its baseline
 * where these limits would put it anyway.
 */
import { HIDDEN_DUTY_CYCLE, MIN_DUTY_CYCLE } from './constants.ts'
import type { ControlName, ControlRequests, Controls, Facts } from './facts.ts'
import type { UserSettings } from './loop/settings.ts'
import type { Rule } from './policy.ts'
import { evaluateRules } from './policy.ts'

/** The rules of the donor's pause, battery and hidden-tab choices. */
export const LIMIT_RULES: readonly Rule[] = [
  {
    id: 'user-paused',
    priority: 1000,
    conditions: [{ fact: 'settings.paused', op: 'eq', value: true }],
    actions: [{ type: 'pause' }, { type: 'abort' }],
  },
  {
    id: 'on-battery',
    priority: 800,
    conditions: [
      { fact: 'battery.charging', op: 'eq', value: false },
      { fact: 'settings.trainOnBattery', op: 'eq', value: false },
    ],
    actions: [
      { type: 'pause' },
      { type: 'log', message: 'On battery: training paused (allow it in the settings).' },
    ],
  },
  {
    id: 'hidden-throttle',
    priority: 500,
    conditions: [
      { fact: 'tab.visible', op: 'eq', value: false },
      { fact: 'settings.trainWhenHidden', op: 'eq', value: false },
    ],
    actions: [{ type: 'set', control: 'dutyCycle', value: HIDDEN_DUTY_CYCLE }],
  },
]

/** The settings as the facts the rules read. */
export function settingsFacts(settings: UserSettings): Facts {
  return {
    'settings.trainOnBattery': settings.trainOnBattery,
    'settings.trainWhenHidden': settings.trainWhenHidden,
    'settings.paused': settings.paused,
    'settings.maxDutyCycle': settings.maxDutyCycle,
  }
}

/** Whether the limit rules pause the node on the settings alone, before any sensor is read. */
export function pausedBySettings(settings: UserSettings): boolean {
  return evaluateRules(LIMIT_RULES, settingsFacts(settings)).requests.paused?.value === true
}

/** `rules` with the limit rules they lack: what the loop evaluates. */
export function withLimits(rules: readonly Rule[]): readonly Rule[] {
  return [...LIMIT_RULES.filter((limit) => !rules.includes(limit)), ...rules]
}

/** The highest H the loop may set: the user's bound and the job's H, whichever is lower. */
export function innerStepsCap(settings: UserSettings, jobInnerSteps: number): number {
  return Math.max(settings.minInnerSteps, Math.min(settings.maxInnerSteps, jobInnerSteps))
}

/** The controls Act aims for, who asked for each, and how the limits bent them. */
export interface ControlPlan {
  readonly target: Controls
  /** Who asked for each control: `rule:<id>`, or the planner's fallback. */
  readonly by: (control: ControlName) => string
  readonly notes: readonly string[]
}

/** The rules' requests over the baseline, with the compute limit and H bounds applied. */
export function planControls(
  baseline: Controls,
  requests: ControlRequests,
  settings: UserSettings,
  jobInnerSteps: number,
  fallbackBy = 'baseline',
): ControlPlan {
  const notes: string[] = []
  const { maxDutyCycle, minInnerSteps } = settings
  const askedDuty = requests.dutyCycle?.value ?? baseline.dutyCycle
  const dutyCycle = Math.min(Math.max(askedDuty, MIN_DUTY_CYCLE), maxDutyCycle)
  if (dutyCycle !== askedDuty) {
    notes.push(`dutyCycle ${askedDuty} held to ${dutyCycle} (user’s limit ${maxDutyCycle})`)
  }
  const maxSteps = innerStepsCap(settings, jobInnerSteps)
  const askedSteps = requests.innerSteps?.value ?? baseline.innerSteps
  const innerSteps = Math.min(Math.max(Math.round(askedSteps), minInnerSteps), maxSteps)
  if (innerSteps !== askedSteps) {
    notes.push(
      `innerSteps ${askedSteps} held to ${innerSteps} (limits ${minInnerSteps}–${maxSteps})`,
    )
  }
  return {
    target: {
      paused: requests.paused?.value ?? false,
      dutyCycle,
      innerSteps,
      backend: requests.backend?.value ?? baseline.backend,
      compression: requests.compression?.value ?? baseline.compression,
    },
    by: (control) => requests[control]?.by ?? fallbackBy,
    notes,
  }
}
