/**
 * Act: applies the differences between the controls in force and the plan (`limits.ts`) through
 * the `Actuators`, in a fixed order.
 *
 * @remarks
 * Order: pause first (so nothing trains while other knobs move), then duty cycle, H, backend and
 * compression, and resume last (so training restarts with the new settings). A failed actuator
 * call leaves that control as it was, so the next tick tries again.
 */
import type { SetAction, AuditAction } from '../audit/index.ts'
import type { Controls } from '../controls.ts'
import type { ControlPlan } from '../limits.ts'
import type { Actuators } from './ports.ts'

const SET_ORDER: readonly SetAction['control'][] = [
  'dutyCycle',
  'innerSteps',
  'backend',
  'compression',
]

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
