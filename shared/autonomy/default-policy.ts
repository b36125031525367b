/**
 * The default policy: the donor's limits (`limits.ts`) and the device's own rules. Below 20%
 * battery and not charging, no training even where training on battery is allowed; critical
 * compute pressure pauses, serious throttles to a quarter, fair to three quarters. Where two
 * rules set the duty cycle the higher priority wins, so the lower duty goes first.
 */
import { LIMIT_RULES } from './limits.ts'
import type { Rule } from './policy.ts'
import { inOrder } from './policy.ts'

/** The rules that protect the device, whatever the user allows. */
const DEVICE_RULES: readonly Rule[] = [
  {
    id: 'battery-low',
    priority: 900,
    conditions: [
      { fact: 'battery.charging', op: 'eq', value: false },
      { fact: 'battery.level', op: 'lt', value: 0.2 },
    ],
    actions: [
      { type: 'pause' },
      { type: 'log', level: 'warn', message: 'Battery low and not charging: training paused.' },
    ],
  },
  {
    id: 'pressure-critical',
    priority: 700,
    conditions: [{ fact: 'pressure.state', op: 'eq', value: 'critical' }],
    actions: [
      { type: 'pause' },
      { type: 'log', level: 'warn', message: 'Critical compute pressure: training paused.' },
    ],
  },
  {
    id: 'pressure-serious',
    priority: 600,
    conditions: [{ fact: 'pressure.state', op: 'eq', value: 'serious' }],
    actions: [{ type: 'set', control: 'dutyCycle', value: 0.25 }],
  },
  {
    id: 'pressure-fair',
    priority: 400,
    conditions: [{ fact: 'pressure.state', op: 'eq', value: 'fair' }],
    actions: [{ type: 'set', control: 'dutyCycle', value: 0.75 }],
  },
]

const DEFAULT_POLICY: readonly Rule[] = inOrder([...LIMIT_RULES, ...DEVICE_RULES])

/** The default policy in evaluation order (what the app's agent runs). */
export function defaultRules(): readonly Rule[] {
  return DEFAULT_POLICY
}
