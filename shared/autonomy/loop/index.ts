/**
 * The MRAP loop (see DESIGN.md, "Autonomy"): a tick Monitors injected sensors into facts, Reasons
 * over them with the rules engine, Acts through injected actuators within the user's limits,
 * Reflects on the rounds since its last change, and Adapts H, the duty cycle and resyncs.
 */
export type { AutonomyComponents, AutonomyInit, AutonomyLogger, TickReport } from './loop.ts'
export { AutonomyLoop } from './loop.ts'
export type {
  BatteryReading,
  Clock,
  MaybePromise,
  RoundOutcome,
  RoundsReading,
  Sensors,
  TrainingReading,
} from './sensors.ts'
export type { Actuators } from './actuators.ts'
export type { AdaptConfig, UserSettings } from './settings.ts'
export { resolveAdaptConfig, resolveSettings } from './settings.ts'
export type { ControlPlan } from './act.ts'
export { applyPlan, innerStepsCap, planControls } from './act.ts'
export type { Observation } from './monitor.ts'
export { monitor } from './monitor.ts'
export type { Acceptance } from './history.ts'
export { History } from './history.ts'
export type { Reflection, ReflectMarks } from './reflect.ts'
export { reflect } from './reflect.ts'
export type { AdaptContext, Adaptation, AdaptState } from './adapt.ts'
export { adapt, initialAdaptState } from './adapt.ts'
