/**
 * Autonomy: each node is an agent that decides by itself when and how hard to train, and can
 * explain every decision (see DESIGN.md, "Autonomy (MRAP)").
 *
 * @remarks
 * - `rules/`: the rules engine; rules are JSON data validated on load, evaluated deterministically.
 * - `loop/`: `AutonomyLoop`, one Monitor → Reason → Act → Reflect → Adapt pass per `tick()` over
 *   injected `Sensors`, `Actuators` and `Clock`.
 * - `audit/`: the signed, hash-chained, bounded `AuditLog` of decisions, and its verifier.
 * - `default-policy.ts`: the default rules, which honour the user's settings.
 *
 * The app supplies browser sensors (`app/autonomy/sensors.ts`), actuators over the trainer worker
 * and the `SwarmNode`, an IndexedDB `Storage` and a timer that calls `tick()`.
 */
export * from './rules/index.ts'
export * from './loop/index.ts'
export * from './audit/index.ts'
export type { BackendChoice, FactSpec, FactValue, Facts, PressureState } from './facts.ts'
export { BACKEND_CHOICES, FACT_CATALOGUE, PRESSURE_STATES, isKnownFact } from './facts.ts'
export type { ControlName, ControlRequest, ControlRequests, Controls } from './controls.ts'
export { CONTROL_NAMES } from './controls.ts'
export { DEFAULT_POLICY, defaultRules } from './default-policy.ts'
export { AuditLogError, InvalidRulesError, InvalidSettingsError } from './errors.ts'
export * from './constants.ts'
