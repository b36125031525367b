/**
 * Rules as data: the JSON shapes a rules document holds, and the compiled forms the engine runs.
 *
 * @example
 * ```json
 * { "version": 1, "rules": [{
 *   "id": "battery-low", "priority": 90,
 *   "conditions": [
 *     { "fact": "battery.charging", "op": "eq", "value": false },
 *     { "fact": "battery.level", "op": "lt", "value": 0.2 }],
 *   "actions": [{ "type": "pause" }, { "type": "log", "message": "battery low" }] }] }
 * ```
 */
import type { BackendChoice, FactValue } from '../facts.ts'

/** Comparison operators of a fact condition. */
export type CompareOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'

/** A condition on one fact. */
export type FactCondition =
  | { readonly fact: string; readonly op: CompareOp; readonly value: FactValue }
  | { readonly fact: string; readonly op: 'in'; readonly value: readonly FactValue[] }
  | {
      readonly fact: string
      readonly op: 'matches'
      /** A JavaScript regular expression (Unicode mode), at most 64 characters, no nesting. */
      readonly value: string
      readonly ignoreCase?: boolean
    }
  | { readonly fact: string; readonly op: 'exists' }

/**
 * A daily time window in a fixed UTC offset: `from` inclusive, `to` exclusive, `HH:MM`. A window
 * whose `to` is before its `from` wraps past midnight. `days` (0 = Sunday) restricts the day the
 * current time falls on. The offset is explicit so that evaluation never depends on the host's zone.
 */
export interface TimeWindow {
  readonly from: string
  readonly to: string
  readonly days?: readonly number[]
  readonly utcOffsetMinutes?: number
}

/** A condition: a fact test, a time window, or a combination. */
export type Condition =
  | FactCondition
  | { readonly time: TimeWindow }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }

/** A control a rule can set; `paused` is set through the `pause` and `resume` actions. */
export type SettableControl = 'dutyCycle' | 'innerSteps' | 'backend' | 'compression'

/** What a rule does when it fires. */
export type Action =
  | { readonly type: 'set'; readonly control: 'dutyCycle'; readonly value: number }
  | { readonly type: 'set'; readonly control: 'innerSteps'; readonly value: number }
  | { readonly type: 'set'; readonly control: 'backend'; readonly value: BackendChoice }
  | { readonly type: 'set'; readonly control: 'compression'; readonly value: number }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'log'; readonly message: string; readonly level?: 'info' | 'warn' }
  /** Stops the actions of every rule after this one in evaluation order. */
  | { readonly type: 'abort' }

/** One rule as written in JSON. */
export interface Rule {
  readonly id: string
  readonly description?: string
  /** Integer in [−1000, 1000]; higher runs first, ties by id. */
  readonly priority: number
  /** Defaults to true. */
  readonly enabled?: boolean
  /** All must hold (an empty list always holds). */
  readonly conditions: readonly Condition[]
  readonly actions: readonly Action[]
}

/** A rules document as written in JSON. */
export interface RulesDocument {
  readonly version: 1
  readonly rules: readonly Rule[]
}

/** A condition after validation: regular expressions compiled, time windows in minutes. */
export type CompiledCondition =
  | {
      readonly kind: 'compare'
      readonly fact: string
      readonly op: CompareOp
      readonly value: FactValue
    }
  | { readonly kind: 'in'; readonly fact: string; readonly values: readonly FactValue[] }
  | {
      readonly kind: 'matches'
      readonly fact: string
      readonly regex: RegExp
      readonly source: string
    }
  | { readonly kind: 'exists'; readonly fact: string }
  | {
      readonly kind: 'time'
      readonly fromMinute: number
      readonly toMinute: number
      readonly days: readonly number[] | undefined
      readonly offsetMinutes: number
      readonly label: string
    }
  | { readonly kind: 'all'; readonly children: readonly CompiledCondition[] }
  | { readonly kind: 'any'; readonly children: readonly CompiledCondition[] }
  | { readonly kind: 'not'; readonly child: CompiledCondition }

/** A validated rule, ready for the engine. */
export interface CompiledRule {
  readonly id: string
  readonly description: string | undefined
  readonly priority: number
  readonly enabled: boolean
  readonly condition: CompiledCondition
  readonly actions: readonly Action[]
}

/** Validated rules in evaluation order (priority descending, then id ascending). */
export interface RuleSet {
  readonly rules: readonly CompiledRule[]
}
