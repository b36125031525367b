/**
 * The autonomy loop: one `tick()` runs Monitor → Reason → Act → Reflect → Adapt over injected
 * sensors, actuators and clock, and writes the decision to the audit log.
 *
 * @remarks
 * The loop owns no timer: the app calls `tick()` on an interval (and on events such as a
 * visibility change), the simulator calls it from its fake clock. Ticks never overlap (a tick
 * asked for while one runs gets that one's report) and never throw: sensor, actuator and audit
 * failures become notes and failed actions in the report. A decision is written to the audit log
 * when the loop acted or adapted, or when the set of fired rules changed; a quiet tick that
 * changes nothing writes nothing, so the bounded log keeps decisions rather than heartbeats.
 * `log` actions reach the injected logger when their rule starts firing, not on every tick.
 *
 * Act applies the differences between the controls in force and the plan (`limits.ts`) in a fixed
 * order: pause first (so nothing trains while other knobs move), then duty cycle, H, backend and
 * compression, and resume last (so training restarts with the new settings). A failed actuator
 * call leaves that control as it was, so the next tick tries again.
 */
import type { AuditLog } from '../audit/log.ts'
import type { ActionOutcome, AuditAction, AuditEntry, AuditRecord } from '../audit/types.ts'
import type { Controls, Facts } from '../facts.ts'
import type { ControlPlan } from '../limits.ts'
import { planControls, withLimits } from '../limits.ts'
import type { Evaluation, Rule } from '../policy.ts'
import { evaluateRules } from '../policy.ts'
import type { AdaptState } from './adapt.ts'
import { adapt, initialAdaptState, reflect } from './adapt.ts'
import { History } from './history.ts'
import { monitor } from './monitor.ts'
import type { Actuators, Sensors, WallClock } from './ports.ts'
import type { AdaptConfig, UserSettings } from './settings.ts'
import { orThrow, resolveAdaptConfig, resolveSettings } from './settings.ts'

/** A namespaced logger (`node:autonomy`); `shared/` never calls `console`. */
export type AutonomyLogger = (level: 'info' | 'warn', message: string) => void

/** What the loop works with. */
export interface AutonomyComponents {
  readonly sensors: Sensors
  readonly actuators: Actuators
  readonly clock: WallClock
  /** Where decisions are recorded; without one the loop decides but keeps no record. */
  readonly audit?: AuditLog
  readonly logger?: AutonomyLogger
}

/** How the loop starts. */
export interface AutonomyInit {
  /** The policy; the donor's limit rules (`limits.ts`) apply whether it holds them or not. */
  readonly rules: readonly Rule[]
  /** The controls the node is in now (the loop only applies changes). */
  readonly controls: Controls
  /** The job's H; the loop never sets more. */
  readonly jobInnerSteps: number
  readonly settings?: Partial<UserSettings>
  readonly adapt?: Partial<AdaptConfig>
}

/** Everything one tick saw and did. */
export interface TickReport {
  readonly at: number
  readonly facts: Facts
  readonly actions: readonly AuditAction[]
  readonly notes: readonly string[]
  /** The controls in force after the tick. */
  readonly controls: Controls
  /** The audit entry written, if the tick made a decision worth recording. */
  readonly entry: AuditEntry | undefined
  /** Why recording failed, if it did. */
  readonly auditError: string | undefined
}

/** One node's autonomous agent. */
export class AutonomyLoop {
  readonly #components: AutonomyComponents
  readonly #jobInnerSteps: number
  readonly #config: AdaptConfig
  readonly #history = new History()
  /** Backend and compression when no rule asks otherwise (Adapt keeps duty cycle and H). */
  readonly #baseline: Controls
  readonly #rules: readonly Rule[]
  #settings: UserSettings
  #controls: Controls
  #adapt: AdaptState
  #lastFired: ReadonlySet<string> = new Set()
  #lastRecorded: string | undefined
  #running: Promise<TickReport> | undefined

  /** Throws `InvalidSettingsError` when the settings or thresholds are out of bounds. */
  constructor(components: AutonomyComponents, init: AutonomyInit) {
    this.#components = components
    this.#rules = withLimits(init.rules)
    this.#jobInnerSteps = init.jobInnerSteps
    this.#settings = orThrow(resolveSettings(init.settings))
    this.#config = orThrow(resolveAdaptConfig(init.adapt))
    this.#controls = init.controls
    this.#baseline = { ...init.controls, paused: false }
    this.#adapt = initialAdaptState(init.controls, this.#config)
  }

  /** The controls in force. */
  get controls(): Controls {
    return this.#controls
  }

  /** Adapt's baseline and marks. */
  get adaptState(): AdaptState {
    return this.#adapt
  }

  /** Replaces the user's settings (validated; throws `InvalidSettingsError`); applies next tick. */
  setSettings(settings: Partial<UserSettings>): void {
    this.#settings = orThrow(resolveSettings({ ...this.#settings, ...settings }))
  }

  /** Runs one Monitor → Reason → Act → Reflect → Adapt pass. */
  tick(): Promise<TickReport> {
    if (this.#running !== undefined) return this.#running
    const run = this.#tick().finally(() => {
      this.#running = undefined
    })
    this.#running = run
    return run
  }

  async #tick(): Promise<TickReport> {
    const { clock, sensors, actuators } = this.#components
    const at = clock.now()
    // Monitor
    const seen = await monitor(sensors, this.#history, at, this.#settings, this.#controls)
    // Reason
    const evaluation = evaluateRules(this.#rules, seen.facts)
    // Act
    const plan = this.#plan(evaluation, 'baseline')
    const acted = await applyPlan(actuators, this.#controls, plan)
    this.#controls = acted.controls
    const actions: AuditAction[] = [...acted.actions]
    const notes = [...seen.notes, ...plan.notes]
    // Reflect
    const reflection = reflect(this.#history, seen.newRounds, this.#adapt)
    notes.push(...reflection.notes)
    // Adapt
    const adapted = adapt(reflection, this.#adapt, {
      now: at,
      settings: this.#settings,
      config: this.#config,
      jobInnerSteps: this.#jobInnerSteps,
      dutyHeldByRule: evaluation.requests.dutyCycle !== undefined,
    })
    this.#adapt = adapted.state
    actions.push(...adapted.changes)
    if (adapted.changes.length > 0) {
      const again = this.#plan(evaluation, 'adapt')
      // Only what Adapt moved: a control that failed above is retried next tick, not twice now.
      const { dutyCycle, innerSteps } = again.target
      const target = { ...this.#controls, dutyCycle, innerSteps }
      const reacted = await applyPlan(actuators, this.#controls, { ...again, target })
      this.#controls = reacted.controls
      actions.push(...reacted.actions)
    }
    if (adapted.resync !== undefined) {
      const resync = { type: 'resync', by: 'adapt', why: adapted.resync, ok: true } as const
      actions.push(await attempt(resync, () => actuators.resync()))
    }
    this.#emitLogs(evaluation, actions)
    const fired = evaluation.fired.map(({ id, priority, reasons, notes: overridden }) => {
      return { id, priority, reasons: [...reasons, ...overridden] }
    })
    const recorded = await this.#record({ at, facts: seen.facts, fired, actions, notes })
    return { at, facts: seen.facts, actions, notes, controls: this.#controls, ...recorded }
  }

  /** The rules' requests over Adapt's baseline, within the donor's limits. */
  #plan(evaluation: Evaluation, fallbackBy: string): ControlPlan {
    const { dutyCycle, innerSteps } = this.#adapt
    const baseline = { ...this.#baseline, dutyCycle, innerSteps }
    const { requests } = evaluation
    return planControls(baseline, requests, this.#settings, this.#jobInnerSteps, fallbackBy)
  }

  #log(level: 'info' | 'warn', message: string): void {
    try {
      this.#components.logger?.(level, message)
    } catch {
      // A broken logger must not stop the node from deciding.
    }
  }

  #emitLogs(evaluation: Evaluation, actions: AuditAction[]): void {
    for (const log of evaluation.logs) {
      actions.push({ type: 'log', ...log })
      if (!this.#lastFired.has(log.by.slice('rule:'.length))) this.#log(log.level, log.message)
    }
    for (const action of actions) {
      if ('ok' in action && !action.ok)
        this.#log('warn', `${action.type} failed: ${action.error ?? ''}`)
    }
    this.#lastFired = new Set(evaluation.fired.map((o) => o.id))
  }

  /** Appends the decision when the loop acted or the fired rules changed. */
  async #record(record: AuditRecord): Promise<Pick<TickReport, 'entry' | 'auditError'>> {
    const key = record.fired.map((f) => f.id).join(',')
    const acted = record.actions.some((a) => a.type !== 'log')
    const { audit } = this.#components
    if (audit === undefined || (!acted && key === this.#lastRecorded)) {
      return { entry: undefined, auditError: undefined }
    }
    try {
      const entry = await audit.append(record)
      this.#lastRecorded = key
      return { entry, auditError: undefined }
    } catch (err) {
      const auditError = errorText(err)
      this.#log('warn', `audit log: ${auditError}`)
      return { entry: undefined, auditError }
    }
  }
}

const SET_CONTROLS = ['dutyCycle', 'innerSteps', 'backend', 'compression'] as const

/** Act: applies the differences between `current` and `plan.target`; returns what now holds. */
async function applyPlan(
  actuators: Actuators,
  current: Controls,
  plan: ControlPlan,
): Promise<{ readonly controls: Controls; readonly actions: readonly AuditAction[] }> {
  const { target, by } = plan
  const calls = {
    pause: () => actuators.pause(),
    resume: () => actuators.resume(),
    dutyCycle: () => actuators.setDutyCycle(target.dutyCycle),
    innerSteps: () => actuators.setInnerSteps(target.innerSteps),
    backend: () => actuators.setBackend(target.backend),
    compression: () => actuators.setCompression(target.compression),
  }
  const actions: AuditAction[] = []
  let applied = current
  /** Turns one control, records the action, and on success takes `patch` as applied. */
  const turn = async (
    call: keyof typeof calls,
    action: AuditAction & ActionOutcome,
    patch: Partial<Controls>,
  ) => {
    const done = await attempt(action, calls[call])
    actions.push(done)
    if (done.ok) applied = { ...applied, ...patch }
  }
  if (target.paused && !applied.paused) {
    await turn('pause', { type: 'pause', by: by('paused'), ok: true }, { paused: true })
  }
  for (const control of SET_CONTROLS) {
    const [from, to] = [applied[control], target[control]]
    const action = { type: 'set', control, from, to, by: by(control), ok: true } as const
    if (from !== to) await turn(control, action, { [control]: to })
  }
  if (!target.paused && applied.paused) {
    await turn('resume', { type: 'resume', by: by('paused'), ok: true }, { paused: false })
  }
  return { controls: applied, actions }
}

/** Runs an actuator call for `action`; says whether it took effect, and if not, why. */
async function attempt<A extends ActionOutcome>(action: A, call: () => Promise<void>): Promise<A> {
  try {
    await call()
    return { ...action, ok: true }
  } catch (err) {
    return { ...action, ok: false, error: errorText(err) }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err)
}
