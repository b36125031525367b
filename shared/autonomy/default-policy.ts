/**
 * The default policy: the donor's limits (`limits.ts`) and the device's own rules. Below 20%
 * battery and not charging, no training even where training on battery is allowed; critical
 * compute pressure pauses, serious throttles to a quarter, fair to three quarters. Where two
 * rules set the duty cycle the higher priority wins, so the lower duty goes first.
 */
import {
  FAIR_PRESSURE_DUTY_CYCLE,
  LOW_BATTERY_LEVEL,
  SERIOUS_PRESSURE_DUTY_CYCLE,
} from './constants.ts'
import { LIMIT_RULES } from './limits.ts'
import type { Rule } from './policy.ts'
import { inOrder } from './policy.ts'

/** The rules that protect the device, whatever the user allows. */
const DEVICE_RULES: readonly Rule[] = [
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
    id: 'pressure-fair',
    description: 'Fair compute pressure: leave the device some headroom.',
    priority: 400,
    conditions: [{ fact: 'pressure.state', op: 'eq', value: 'fair' }],
    actions: [{ type: 'set', control: 'dutyCycle', value: FAIR_PRESSURE_DUTY_CYCLE }],
  },
]

/** The default policy, in evaluation order. */
export const DEFAULT_POLICY: readonly Rule[] = inOrder([...LIMIT_RULES, ...DEVICE_RULES])

/** The default policy (what the app's agent runs). */
export function defaultRules(): readonly Rule[] {
  return DEFAULT_POLICY
}
