/**
 * The default policy: rules as JSON data that honour the user's settings.
 *
 * @remarks
 * - The user's pause wins over everything (`abort` suppresses the rest).
 * - No training on battery unless the user allows it; below 20% and not charging, none at all.
 * - Critical compute pressure pauses; serious pressure throttles to a quarter; fair to three quarters.
 * - A hidden tab is throttled to a quarter unless the user lets it train hidden.
 *
 * Where two rules set the duty cycle the higher priority wins, so the priorities put the lower
 * duty first (serious pressure and hidden above fair pressure). Absent facts never match, so a
 * browser without the Battery Status or Compute Pressure API simply skips those rules. The user's
 * `maxDutyCycle` and H bounds are enforced by Act on top of any rule.
 */
import {
  FAIR_PRESSURE_DUTY_CYCLE,
  HIDDEN_DUTY_CYCLE,
  LOW_BATTERY_LEVEL,
  SERIOUS_PRESSURE_DUTY_CYCLE,
} from './constants.ts'
import type { RuleSet, RulesDocument } from './rules/index.ts'
import { parseRules } from './rules/index.ts'

/** The default rules document. */
export const DEFAULT_POLICY: RulesDocument = {
  version: 1,
  rules: [
    {
      id: 'user-paused',
      description: 'The user paused the node; no other rule applies.',
      priority: 1000,
      conditions: [{ fact: 'settings.paused', op: 'eq', value: true }],
      actions: [{ type: 'pause' }, { type: 'abort' }],
    },
    {
      id: 'battery-low',
      description: 'Battery low and not charging: pause even where training on battery is allowed.',
      priority: 900,
      conditions: [
        { fact: 'battery.charging', op: 'eq', value: false },
        { fact: 'battery.level', op: 'lt', value: LOW_BATTERY_LEVEL },
      ],
      actions: [
        { type: 'pause' },
        { type: 'log', level: 'warn', message: 'Battery low and not charging: training paused.' },
      ],
    },
    {
      id: 'on-battery',
      description: 'On battery and the user has not allowed training on battery.',
      priority: 800,
      conditions: [
        { fact: 'battery.charging', op: 'eq', value: false },
        { fact: 'settings.trainOnBattery', op: 'eq', value: false },
      ],
      actions: [
        { type: 'pause' },
        { type: 'log', message: 'On battery: training paused (allow it in the settings).' },
      ],
    },
    {
      id: 'pressure-critical',
      description: 'The device is under critical compute pressure.',
      priority: 700,
      conditions: [{ fact: 'pressure.state', op: 'eq', value: 'critical' }],
      actions: [
        { type: 'pause' },
        { type: 'log', level: 'warn', message: 'Critical compute pressure: training paused.' },
      ],
    },
    {
      id: 'pressure-serious',
      description: 'Serious compute pressure: back off to a quarter of the time.',
      priority: 600,
      conditions: [{ fact: 'pressure.state', op: 'eq', value: 'serious' }],
      actions: [{ type: 'set', control: 'dutyCycle', value: SERIOUS_PRESSURE_DUTY_CYCLE }],
    },
    {
      id: 'hidden-throttle',
      description:
        'The tab is hidden and the user has not allowed full-speed training when hidden.',
      priority: 500,
      conditions: [
        { fact: 'tab.visible', op: 'eq', value: false },
        { fact: 'settings.trainWhenHidden', op: 'eq', value: false },
      ],
      actions: [{ type: 'set', control: 'dutyCycle', value: HIDDEN_DUTY_CYCLE }],
    },
    {
      id: 'pressure-fair',
      description: 'Fair compute pressure: leave the device some headroom.',
      priority: 400,
      conditions: [{ fact: 'pressure.state', op: 'eq', value: 'fair' }],
      actions: [{ type: 'set', control: 'dutyCycle', value: FAIR_PRESSURE_DUTY_CYCLE }],
    },
  ],
}

let compiled: RuleSet | undefined

/** The default policy, validated and in evaluation order (validated once, then cached). */
export function defaultRules(): RuleSet {
  compiled ??= parseRules(DEFAULT_POLICY)
  return compiled
}
