/**
 * Loading a rules document: every rule validated, every issue reported with its path
 * (`rules[1].conditions[0].value: must be a number ("battery.level" is a number), got "low"`), and
 * the valid rules sorted into evaluation order.
 */
import type { Issue } from '../../model/index.ts'
import type { Result } from '../../types/index.ts'
import {
  MAX_ACTIONS,
  MAX_CONDITIONS,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  PRIORITY_LIMIT,
  RULE_ID_PATTERN,
  RULES_FORMAT_VERSION,
} from '../constants.ts'
import { InvalidRulesError } from '../errors.ts'
import { Reader } from './reader.ts'
import type { Action, CompiledCondition, CompiledRule, RuleSet } from './types.ts'
import { readAction } from './validate-action.ts'
import { readCondition } from './validate-condition.ts'

const RULE_KEYS = ['id', 'description', 'priority', 'enabled', 'conditions', 'actions']
const RULE_REQUIRED = ['id', 'priority', 'conditions', 'actions']

/** Validates an untrusted rules document; on failure returns every issue found. */
export function loadRules(raw: unknown): Result<RuleSet, Issue[]> {
  const r = new Reader()
  const doc = r.object(raw, '$', ['version', 'rules'])
  if (doc === undefined) return { ok: false, reason: r.issues }
  if (doc.version !== RULES_FORMAT_VERSION) {
    r.issue(
      '$.version',
      `must be ${RULES_FORMAT_VERSION}, got ${JSON.stringify(doc.version) ?? 'nothing'}`,
    )
  }
  const list = r.array(doc.rules, '$.rules', 0, MAX_RULES)
  const rules: CompiledRule[] = []
  const seen = new Map<string, number>()
  list?.forEach((raw, i) => {
    const path = `$.rules[${i}]`
    const rule = readRule(r, raw, path)
    if (rule === undefined) return
    const first = seen.get(rule.id)
    if (first !== undefined) {
      r.issue(`${path}.id`, `duplicates the id of rules[${first}] ("${rule.id}")`)
      return
    }
    seen.set(rule.id, i)
    rules.push(rule)
  })
  if (r.issues.length > 0) return { ok: false, reason: r.issues }
  return { ok: true, value: { rules: rules.sort(compareRules) } }
}

/** Like `loadRules`, but throws `InvalidRulesError` listing every issue. */
export function parseRules(raw: unknown): RuleSet {
  const loaded = loadRules(raw)
  if (!loaded.ok) throw new InvalidRulesError(loaded.reason)
  return loaded.value
}

/** Evaluation order: priority descending, then id ascending (code-unit order). */
export function compareRules(a: CompiledRule, b: CompiledRule): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function readRule(r: Reader, raw: unknown, path: string): CompiledRule | undefined {
  const before = r.issues.length
  const rule = r.object(raw, path, RULE_KEYS, RULE_REQUIRED)
  if (rule === undefined) return undefined
  const id = r.string(rule.id, `${path}.id`, 64, {
    regex: RULE_ID_PATTERN,
    what: 'a lowercase id of [a-z0-9._-] (1 to 64)',
  })
  const description =
    rule.description === undefined
      ? undefined
      : r.string(rule.description, `${path}.description`, MAX_TEXT_LENGTH)
  const priority = r.number(rule.priority, `${path}.priority`, {
    min: -PRIORITY_LIMIT,
    max: PRIORITY_LIMIT,
    integer: true,
  })
  const enabled = rule.enabled === undefined ? true : r.boolean(rule.enabled, `${path}.enabled`)
  const counter = { nodes: 0 }
  const conditions = r.array(rule.conditions, `${path}.conditions`, 0, MAX_CONDITIONS)
  const children = (conditions ?? []).map((c, i) =>
    readCondition(r, c, `${path}.conditions[${i}]`, 1, counter),
  )
  const actionList = r.array(rule.actions, `${path}.actions`, 1, MAX_ACTIONS)
  const actions = (actionList ?? []).map((a, i) => readAction(r, a, `${path}.actions[${i}]`))
  checkConflicts(r, actions, `${path}.actions`)
  if (r.issues.length > before) return undefined
  if (id === undefined || priority === undefined || enabled === undefined) return undefined
  const condition: CompiledCondition = {
    kind: 'all',
    children: children.filter((c) => c !== undefined),
  }
  return {
    id,
    description,
    priority,
    enabled,
    condition,
    actions: actions.filter((a) => a !== undefined),
  }
}

// A rule that asks for one control twice (or both pauses and resumes) contradicts itself.
function checkConflicts(r: Reader, actions: readonly (Action | undefined)[], path: string): void {
  const first = new Map<string, number>()
  actions.forEach((action, i) => {
    if (action === undefined) return
    const control =
      action.type === 'set'
        ? action.control
        : action.type === 'pause' || action.type === 'resume'
          ? 'paused'
          : undefined
    if (control === undefined) return
    const earlier = first.get(control)
    if (earlier !== undefined) {
      r.issue(`${path}[${i}]`, `sets ${control} again (already set by actions[${earlier}])`)
    } else first.set(control, i)
  })
}
