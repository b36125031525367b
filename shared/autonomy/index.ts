/**
 * Autonomy: each node is an agent that decides by itself when and how hard to train, and can
 * explain every decision (see DESIGN.md, "Autonomy (MRAP)").
 *
 * @remarks
 * - `policy.ts`: typed rules over the facts of a tick and their evaluation; `default-policy.ts`
 *   the rules the app runs.
 * - `limits.ts`: the donor's settings as hard limits, the one place they bind the node.
 * - `loop/`: `AutonomyLoop`, one Monitor → Reason → Act → Reflect → Adapt pass per `tick()` over
 *   injected `Sensors`, `Actuators` and `WallClock`.
 * - `audit/`: the signed, hash-chained, bounded `AuditLog` of decisions, and its verifier.
 *
 * The app supplies browser sensors (`app/autonomy/sensors.ts`), actuators over the trainer worker
 * and the `SwarmNode`, an IndexedDB `Storage` and a timer that calls `tick()`.
 */
export * from './audit/index.ts'
export * from './constants.ts'
export type { ControlName, ControlRequests, Controls } from './controls.ts'
export { DEFAULT_POLICY, defaultRules } from './default-policy.ts'
export { AuditLogError, InvalidSettingsError } from './errors.ts'
export type { BackendChoice, FactName, FactValue, Facts, PressureState } from './facts.ts'
export { BACKEND_CHOICES, PRESSURE_STATES } from './facts.ts'
export { LIMIT_RULES, pausedBySettings, withLimits } from './limits.ts'
export type {
  Action,
  Condition,
  Evaluation,
  LogRequest,
  Rule,
  RuleOutcome,
  RuleStatus,
} from './policy.ts'
export { evaluateRules } from './policy.ts'
export { History } from './loop/history.ts'
export type { AutonomyComponents, AutonomyInit, AutonomyLogger, TickReport } from './loop/loop.ts'
export { AutonomyLoop } from './loop/loop.ts'
export { monitor } from './loop/monitor.ts'
export type {
  Actuators,
  BatteryReading,
  MaybePromise,
  RoundOutcome,
  RoundsReading,
  Sensors,
  TrainingReading,
  WallClock,
} from './loop/ports.ts'
export type { AdaptConfig, UserSettings } from './loop/settings.ts'
export { resolveAdaptConfig, resolveSettings } from './loop/settings.ts'
