/** Audit-log actions in words, for the agent view. */
import type { AuditAction } from '../../shared/autonomy/index.ts'

const CONTROL_NAMES: Readonly<Record<string, string>> = {
  dutyCycle: 'duty cycle',
  innerSteps: 'inner steps (H)',
  backend: 'backend',
  compression: 'compression level',
}

const who = (by: string) =>
  by.startsWith('rule:')
    ? `rule ${by.slice(5)}`
    : by === 'baseline'
      ? 'no rule applies any more'
      : by

const value = (control: string, v: number | string) =>
  control === 'dutyCycle' && typeof v === 'number' ? `${Math.round(v * 100)} %` : String(v)

/** One action of a decision, as a sentence fragment. */
export function describeAction(a: AuditAction): string {
  const failed = 'ok' in a && !a.ok ? ` — failed${a.error === undefined ? '' : `: ${a.error}`}` : ''
  switch (a.type) {
    case 'set':
      return `${CONTROL_NAMES[a.control] ?? a.control} ${value(a.control, a.from)} → ${value(a.control, a.to)} (${who(a.by)})${failed}`
    case 'pause':
      return `paused training (${who(a.by)})${failed}`
    case 'resume':
      return `resumed training (${who(a.by)})${failed}`
    case 'resync':
      return `resynchronised: ${a.why} (${who(a.by)})${failed}`
    case 'log':
      return a.message
    case 'adapt':
      return `adapted ${a.what} ${a.from} → ${a.to}: ${a.why}`
  }
}
