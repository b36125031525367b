/**
 * Act: turns what the rules ask for into target controls within the user's limits, and applies
 * the differences through the `Actuators` in a fixed order.
 *
 * @remarks
 * Order: pause first (so nothing trains while other knobs move), then duty cycle, H, backend and
 * compression, and resume last (so training restarts with the new settings). A control without a
 * request falls back to the baseline (what Adapt last chose). The user's limits are hard: a rule
 * cannot raise the duty cycle above `maxDutyCycle` or move H outside its bounds, and a user pause
 * holds whatever the rules say. A failed actuator call leaves that control as it was, so the
 * next tick tries again.
 */
import type { SetAction, AuditAction } from '../audit/index.ts'
import { MIN_DUTY_CYCLE } from '../constants.ts'
import type { ControlName, ControlRequests, Controls } from '../controls.ts'
import type { Actuators } from './actuators.ts'
import type { UserSettings } from './settings.ts'

const SET_ORDER: readonly SetAction['control'][] = [
  'dutyCycle',
  'innerSteps',
  'backend',
  'compression',
]

/** The controls Act aims for, who asked for each, and how the limits bent them. */
export interface ControlPlan {
  readonly target: Controls
  readonly by: Readonly<Record<ControlName, string>>
  readonly notes: readonly string[]
}

/** The highest H the loop may set: the user's bound and the job's H, whichever is lower. */
export function innerStepsCap(settings: UserSettings, jobInnerSteps: number): number {
  return Math.max(settings.minInnerSteps, Math.min(settings.maxInnerSteps, jobInnerSteps))
}

/** Combines the baseline, the rules' requests and the user's limits into target controls. */
export function planControls(
  baseline: Controls,
  requests: ControlRequests,
  settings: UserSettings,
  jobInnerSteps: number,
  fallbackBy = 'baseline',
): ControlPlan {
  const notes: string[] = []
  const by = {
    paused: requests.paused?.by ?? fallbackBy,
    dutyCycle: requests.dutyCycle?.by ?? fallbackBy,
    innerSteps: requests.innerSteps?.by ?? fallbackBy,
    backend: requests.backend?.by ?? fallbackBy,
    compression: requests.compression?.by ?? fallbackBy,
  }
  let paused = requests.paused?.value ?? false
  if (settings.paused && !paused) {
    paused = true
    by.paused = 'settings'
    notes.push('the user paused the node')
  }
  const askedDuty = requests.dutyCycle?.value ?? baseline.dutyCycle
  const dutyCycle = Math.min(Math.max(askedDuty, MIN_DUTY_CYCLE), settings.maxDutyCycle)
  if (dutyCycle !== askedDuty) {
    notes.push(
      `dutyCycle ${askedDuty} held to ${dutyCycle} (user’s limit ${settings.maxDutyCycle})`,
    )
  }
  const maxSteps = innerStepsCap(settings, jobInnerSteps)
  const askedSteps = requests.innerSteps?.value ?? baseline.innerSteps
  const innerSteps = Math.min(Math.max(Math.round(askedSteps), settings.minInnerSteps), maxSteps)
  if (innerSteps !== askedSteps) {
    notes.push(
      `innerSteps ${askedSteps} held to ${innerSteps} (limits ${settings.minInnerSteps}–${maxSteps})`,
    )
  }
  return {
    target: {
      paused,
      dutyCycle,
      innerSteps,
      backend: requests.backend?.value ?? baseline.backend,
      compression: requests.compression?.value ?? baseline.compression,
    },
    by,
    notes,
  }
}

/** Applies the differences between `current` and `plan.target`; returns what now holds. */
export async function applyPlan(
  actuators: Actuators,
  current: Controls,
  plan: ControlPlan,
): Promise<{ readonly controls: Controls; readonly actions: readonly AuditAction[] }> {
  const actions: AuditAction[] = []
  let applied: Controls = current
  const { target, by } = plan
  if (target.paused && !applied.paused) {
    const error = await attempt(() => actuators.pause())
    actions.push(result({ type: 'pause' as const, by: by.paused }, error))
    if (error === undefined) applied = { ...applied, paused: true }
  }
  const sets: Record<SetAction['control'], () => Promise<void>> = {
    dutyCycle: () => actuators.setDutyCycle(target.dutyCycle),
    innerSteps: () => actuators.setInnerSteps(target.innerSteps),
    backend: () => actuators.setBackend(target.backend),
    compression: () => actuators.setCompression(target.compression),
  }
  for (const control of SET_ORDER) {
    const from = applied[control]
    const to = target[control]
    if (from === to) continue
    const error = await attempt(sets[control])
    actions.push(result({ type: 'set' as const, control, from, to, by: by[control] }, error))
    if (error === undefined) applied = { ...applied, [control]: to }
  }
  if (!target.paused && applied.paused) {
    const error = await attempt(() => actuators.resume())
    actions.push(result({ type: 'resume' as const, by: by.paused }, error))
    if (error === undefined) applied = { ...applied, paused: false }
  }
  return { controls: applied, actions }
}

/** Runs an actuator call; returns the error message if it failed. */
export async function attempt(call: () => Promise<void>): Promise<string | undefined> {
  try {
    await call()
    return undefined
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err)
  }
}

function result<T extends { readonly by: string }>(
  action: T,
  error: string | undefined,
): T & { readonly ok: boolean; readonly error?: string } {
  return error === undefined ? { ...action, ok: true } : { ...action, ok: false, error }
}
