/**
 * The rules engine of the autonomy loop: rules as JSON data, validated on load with path-named
 * issues, evaluated deterministically (priority descending, then id) with the reasons behind every
 * outcome.
 *
 * @remarks
 * Conditions: `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `matches` (a bounded, ReDoS-safe
 * pattern), `exists`, a daily time window, and `all`/`any`/`not`. Actions: `set` a control,
 * `pause`, `resume`, `log`, and `abort` (suppress the actions of the rules after it). See
 * `types.ts` for the document format.
 */
export type {
  Action,
  CompareOp,
  CompiledCondition,
  CompiledRule,
  Condition,
  FactCondition,
  Rule,
  RuleSet,
  RulesDocument,
  SettableControl,
  TimeWindow,
} from './types.ts'
export type { ConditionResult } from './conditions.ts'
export { evaluateCondition } from './conditions.ts'
export type { Evaluation, LogRequest, RuleOutcome, RuleStatus } from './engine.ts'
export { evaluateRules } from './engine.ts'
export { compareRules, loadRules, parseRules } from './validate.ts'
export { compileSafePattern } from './safe-regex.ts'
