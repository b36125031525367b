/** Validation of one action: a known type, and for `set` a known control with a value in range. */
import {
  MAX_COMPRESSION_LEVEL,
  MAX_INNER_STEPS,
  MAX_TEXT_LENGTH,
  MIN_DUTY_CYCLE,
} from '../constants.ts'
import { BACKEND_CHOICES } from '../facts.ts'
import type { Reader } from './reader.ts'
import { describe } from './reader.ts'
import type { Action } from './types.ts'

const TYPES = ['set', 'pause', 'resume', 'log', 'abort'] as const
const CONTROLS = ['dutyCycle', 'innerSteps', 'backend', 'compression'] as const

/** Reads one action; records issues on `r` and returns undefined on failure. */
export function readAction(r: Reader, raw: unknown, path: string): Action | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    r.issue(path, `must be an action object, got ${describe(raw)}`)
    return undefined
  }
  const type = r.literal((raw as { type?: unknown }).type, `${path}.type`, TYPES)
  if (type === undefined) return undefined
  switch (type) {
    case 'pause':
    case 'resume':
    case 'abort':
      return r.object(raw, path, ['type']) === undefined ? undefined : { type }
    case 'log': {
      const a = r.object(raw, path, ['type', 'message', 'level'], ['type', 'message'])
      if (a === undefined) return undefined
      const message = r.string(a.message, `${path}.message`, MAX_TEXT_LENGTH)
      const level =
        a.level === undefined
          ? 'info'
          : r.literal(a.level, `${path}.level`, ['info', 'warn'] as const)
      if (message === undefined || level === undefined) return undefined
      return { type, message, level }
    }
    case 'set':
      return readSet(r, raw, path)
  }
}

function readSet(r: Reader, raw: unknown, path: string): Action | undefined {
  const a = r.object(raw, path, ['type', 'control', 'value'])
  if (a === undefined) return undefined
  const control = r.literal(a.control, `${path}.control`, CONTROLS)
  if (control === undefined) return undefined
  const at = `${path}.value`
  switch (control) {
    case 'dutyCycle': {
      const value = r.number(a.value, at, { min: MIN_DUTY_CYCLE, max: 1 })
      return value === undefined ? undefined : { type: 'set', control, value }
    }
    case 'innerSteps': {
      const value = r.number(a.value, at, { min: 1, max: MAX_INNER_STEPS, integer: true })
      return value === undefined ? undefined : { type: 'set', control, value }
    }
    case 'compression': {
      const value = r.number(a.value, at, { min: 0, max: MAX_COMPRESSION_LEVEL, integer: true })
      return value === undefined ? undefined : { type: 'set', control, value }
    }
    case 'backend': {
      const value = r.literal(a.value, at, BACKEND_CHOICES)
      return value === undefined ? undefined : { type: 'set', control, value }
    }
  }
}
