/**
 * Autonomy: each node decides by itself when and how hard to train, and can explain every
 * decision (DESIGN.md, "Autonomy"). `policy.ts` and `default-policy.ts`: typed rules and their
 * evaluation; `limits.ts`: the donor's settings as hard limits; `loop/`: the `AutonomyLoop`
 * (Monitor → Reason → Act → Reflect → Adapt per `tick()`); `audit/`: the signed, hash-chained
 * `AuditLog`. The app supplies sensors, actuators, storage and the timer (`app/autonomy/`).
 */
export * from './audit/log.ts'
export type * from './audit/types.ts'
export { encodeBody, encodeStored, hashBody } from './audit/encoding.ts'
export * from './constants.ts'
export * from './default-policy.ts'
export * from './errors.ts'
export * from './facts.ts'
export { pausedBySettings } from './limits.ts'
export * from './policy.ts'
export { History } from './loop/history.ts'
export * from './loop/loop.ts'
export { monitor } from './loop/monitor.ts'
export type * from './loop/ports.ts'
export type { AdaptConfig, UserSettings } from './loop/settings.ts'
export { resolveAdaptConfig, resolveSettings } from './loop/settings.ts'
