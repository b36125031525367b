/**
 * The policy: typed rules over the facts of a tick, and the evaluation that says which fired, why,
 * and what they ask for.
 *
 * @remarks
 * A rule fires when all its conditions hold (`eq`, or `lt` on a number); a condition on an absent
 * fact, or on a fact of another type than its value, does not hold, so a browser without the
 * Battery Status or Compute Pressure API simply skips those rules. Rules run by priority
 * descending, then id. Actions are declarative: a fired rule asks for a control value this tick;
 * when it stops firing the request disappears and the loop falls back to the baseline. When two
 * fired rules set one control the first in order wins and the other's request is noted as
 * overridden. `abort` keeps evaluating the rules after it (so the audit shows what else matched)
 * but suppresses their actions. Pure and deterministic.
 */
import type {
  BackendChoice,
  ControlName,
  ControlRequests,
  FactName,
  FactValue,
  Facts,
} from './facts.ts'
import { show } from './facts.ts'

/** A condition on one fact. */
export interface Condition {
  readonly fact: FactName
  readonly op: 'eq' | 'lt'
  readonly value: FactValue
}

/** What a rule does when it fires. */
export type Action =
  | { readonly type: 'set'; readonly control: 'dutyCycle'; readonly value: number }
  | { readonly type: 'set'; readonly control: 'innerSteps'; readonly value: number }
  | { readonly type: 'set'; readonly control: 'backend'; readonly value: BackendChoice }
  | { readonly type: 'set'; readonly control: 'compression'; readonly value: number }
  | { readonly type: 'pause' }
  | { readonly type: 'log'; readonly message: string; readonly level?: 'info' | 'warn' }
  /** Stops the actions of every rule after this one in evaluation order. */
  | { readonly type: 'abort' }

/** One rule. */
export interface Rule {
  readonly id: string
  /** Higher runs first, ties by id. */
  readonly priority: number
  /** All must hold (an empty list always holds). */
  readonly conditions: readonly Condition[]
  readonly actions: readonly Action[]
}

/** How one rule came out of an evaluation. */
export type RuleStatus = 'fired' | 'suppressed' | 'not-matched'

/** One rule's outcome: its status, the reasons behind it, and notes on its actions. */
export interface RuleOutcome {
  readonly id: string
  readonly priority: number
  readonly status: RuleStatus
  /** Why the conditions held (fired, suppressed) or did not (not-matched). */
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

/** The result of evaluating rules. */
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

/** `rules` in evaluation order: priority descending, then id ascending. */
export function inOrder(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1))
}

/** Evaluates `rules` (in any order) over `facts`. */
export function evaluateRules(rules: readonly Rule[], facts: Facts): Evaluation {
  const outcomes: RuleOutcome[] = []
  const requests: Record<string, { value: unknown; by: string }> = {}
  const logs: LogRequest[] = []
  let abortedBy: string | undefined
  for (const rule of inOrder(rules)) {
    const results = rule.conditions.map((c) => holds(c, facts))
    const value = results.every((r) => r.value)
    const shown = results.filter((r) => value || !r.value).map((r) => r.reason)
    const reasons = shown.length > 0 ? shown : ['no conditions']
    const outcome = (status: RuleStatus, notes: string[]): RuleOutcome => {
      const { id, priority } = rule
      return { id, priority, status, reasons, notes }
    }
    if (!value) {
      outcomes.push(outcome('not-matched', []))
    } else if (abortedBy !== undefined) {
      outcomes.push(outcome('suppressed', [`actions suppressed by rule "${abortedBy}"`]))
    } else {
      const by = `rule:${rule.id}`
      const notes: string[] = []
      const request = (control: ControlName, asked: unknown) => {
        const held = requests[control]
        if (held === undefined) requests[control] = { value: asked, by }
        else if (held.by !== by) notes.push(`${control} ${String(asked)} overridden by ${held.by}`)
      }
      for (const action of rule.actions) {
        if (action.type === 'pause') request('paused', true)
        else if (action.type === 'set') request(action.control, action.value)
        else if (action.type === 'log')
          logs.push({ by, level: action.level ?? 'info', message: action.message })
        else abortedBy = rule.id
      }
      outcomes.push(outcome('fired', notes))
    }
  }
  const fired = outcomes.filter((o) => o.status === 'fired')
  return { outcomes, fired, requests, logs, abortedBy }
}

function holds(c: Condition, facts: Facts): { value: boolean; reason: string } {
  if (!Object.hasOwn(facts, c.fact)) return { value: false, reason: `${c.fact} is absent` }
  const actual = facts[c.fact] as FactValue
  const shown = `${c.fact} is ${show(actual)}`
  if (typeof actual !== typeof c.value || (c.op === 'lt' && typeof actual !== 'number')) {
    return { value: false, reason: `${shown}, not a ${typeof c.value}` }
  }
  const value = c.op === 'eq' ? actual === c.value : actual < c.value
  const test = `${c.op === 'eq' ? '=' : '<'} ${show(c.value)}`
  return { value, reason: value ? `${shown}, ${test}` : `${shown}, not ${test}` }
}
