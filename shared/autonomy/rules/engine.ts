/**
 * The rules engine: evaluates every enabled rule in order (priority descending, then id) and says
 * which fired, why, and what they ask for.
 *
 * @remarks
 * Actions are declarative: a rule that fires asks for a control value this tick (`pause`,
 * `set dutyCycle 0.25`); when it stops firing the request disappears and the loop falls back to
 * the baseline. When two fired rules set the same control the first in evaluation order wins and
 * the other's request is noted as overridden, so a higher-priority rule can never be undone by a
 * lower one. `abort` keeps evaluating the remaining rules (so the audit shows what else matched)
 * but suppresses their actions. Pure and deterministic.
 */
import type { ControlName, ControlRequests } from '../controls.ts'
import type { Facts } from '../facts.ts'
import { evaluateCondition } from './conditions.ts'
import type { Action, CompiledRule, RuleSet } from './types.ts'

/** How one rule came out of an evaluation. */
export type RuleStatus = 'fired' | 'suppressed' | 'not-matched' | 'disabled'

/** One rule's outcome: its status, the reasons behind it, and notes on its actions. */
export interface RuleOutcome {
  readonly id: string
  readonly priority: number
  readonly status: RuleStatus
  /** Why the conditions held (fired, suppressed) or did not (not-matched); empty when disabled. */
  readonly reasons: readonly string[]
  /** Requests of this rule that a higher rule overrode, or why its actions were suppressed. */
  readonly notes: readonly string[]
}

/** A `log` action that fired. */
export interface LogRequest {
  readonly by: string
  readonly level: 'info' | 'warn'
  readonly message: string
}

/** The result of evaluating a rule set. */
export interface Evaluation {
  /** Every rule, in evaluation order. */
  readonly outcomes: readonly RuleOutcome[]
  /** The rules whose actions took effect, in evaluation order. */
  readonly fired: readonly RuleOutcome[]
  /** The winning request per control. */
  readonly requests: ControlRequests
  readonly logs: readonly LogRequest[]
  /** The rule whose `abort` stopped the rest, if any. */
  readonly abortedBy: string | undefined
}

type MutableRequests = { -readonly [K in keyof ControlRequests]: ControlRequests[K] }

/** Evaluates `set` over `facts` at `now` (ms since the epoch). */
export function evaluateRules(set: RuleSet, facts: Facts, now: number): Evaluation {
  const outcomes: RuleOutcome[] = []
  const requests: MutableRequests = {}
  const logs: LogRequest[] = []
  let abortedBy: string | undefined
  for (const rule of set.rules) {
    if (!rule.enabled) {
      outcomes.push(outcome(rule, 'disabled', [], []))
      continue
    }
    const result = evaluateCondition(rule.condition, facts, now)
    const reasons = result.reasons.length > 0 ? result.reasons : ['no conditions']
    if (!result.value) {
      outcomes.push(outcome(rule, 'not-matched', reasons, []))
      continue
    }
    if (abortedBy !== undefined) {
      outcomes.push(
        outcome(rule, 'suppressed', reasons, [`actions suppressed by rule "${abortedBy}"`]),
      )
      continue
    }
    const notes: string[] = []
    for (const action of rule.actions) {
      applyAction(rule, action, requests, logs, notes)
      if (action.type === 'abort') abortedBy = rule.id
    }
    outcomes.push(outcome(rule, 'fired', reasons, notes))
  }
  return {
    outcomes,
    fired: outcomes.filter((o) => o.status === 'fired'),
    requests,
    logs,
    abortedBy,
  }
}

function applyAction(
  rule: CompiledRule,
  action: Action,
  requests: MutableRequests,
  logs: LogRequest[],
  notes: string[],
): void {
  const by = `rule:${rule.id}`
  switch (action.type) {
    case 'pause':
    case 'resume':
      request(requests, 'paused', action.type === 'pause', by, notes)
      return
    case 'set':
      request(requests, action.control, action.value, by, notes)
      return
    case 'log':
      logs.push({ by, level: action.level ?? 'info', message: action.message })
      return
    case 'abort':
      return
  }
}

function request<K extends ControlName>(
  requests: MutableRequests,
  control: K,
  value: NonNullable<ControlRequests[K]>['value'],
  by: string,
  notes: string[],
): void {
  const existing = requests[control]
  if (existing === undefined) {
    ;(requests as Record<ControlName, unknown>)[control] = { value, by }
  } else if (existing.by !== by) {
    notes.push(`${control} ${String(value)} overridden by ${existing.by}`)
  }
}

function outcome(
  rule: CompiledRule,
  status: RuleStatus,
  reasons: readonly string[],
  notes: readonly string[],
): RuleOutcome {
  return { id: rule.id, priority: rule.priority, status, reasons, notes }
}
