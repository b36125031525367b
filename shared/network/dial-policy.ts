/**
 * Who dials whom, and when to try again.
 *
 * @remarks
 * Two tabs discover each other at about the same time. If both dialled, each would open a WebRTC
 * connection and one would be torn down again (and the libp2p dial race bug made simultaneous
 * dials worse). So exactly one side dials: the one whose peer id sorts first. The other waits
 * and keeps the connection the dialler makes. Retries back off exponentially with jitter.
 */
import {
  DIAL_BACKOFF_BASE_MS,
  DIAL_BACKOFF_JITTER,
  DIAL_BACKOFF_MAX_MS,
  DIAL_MAX_ATTEMPTS,
} from './constants.ts'

/** True when `self` is the side that dials `remote` (the lower id in code-unit order). */
export function shouldDial(self: string, remote: string): boolean {
  return self < remote
}

/** Backoff settings; the defaults come from `constants.ts`. */
export interface BackoffOptions {
  readonly baseMs?: number
  readonly maxMs?: number
  readonly jitter?: number
  readonly maxAttempts?: number
}

/**
 * Delay before retry number `attempt` (1 = the first retry), or `undefined` once the attempts
 * are used up. `random` is a number in [0, 1), injected so that tests are deterministic.
 */
export function retryDelay(
  attempt: number,
  random: number,
  options: BackoffOptions = {},
): number | undefined {
  const base = options.baseMs ?? DIAL_BACKOFF_BASE_MS
  const max = options.maxMs ?? DIAL_BACKOFF_MAX_MS
  const jitter = options.jitter ?? DIAL_BACKOFF_JITTER
  const maxAttempts = options.maxAttempts ?? DIAL_MAX_ATTEMPTS
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt must be ≥ 1')
  if (attempt > maxAttempts) return undefined
  let delay = base
  for (let i = 1; i < attempt && delay < max; i++) delay *= 2
  delay = Math.min(delay, max)
  const spread = delay * jitter * (2 * random - 1)
  return Math.max(0, Math.round(delay + spread))
}

/** Per-peer dial bookkeeping: in flight, failures in a row, and when the next try is allowed. */
export interface DialState {
  readonly inFlight: boolean
  readonly failures: number
  readonly notBefore: number
}

/** The state of a peer never dialled. */
export const FRESH_DIAL: DialState = { inFlight: false, failures: 0, notBefore: 0 }

/** What the dialler should do about one peer now. */
export type DialDecision =
  | { action: 'dial' }
  | { action: 'wait'; reason: 'not-our-turn' | 'in-flight' | 'connected' | 'backoff' | 'gave-up' }

/** Decides whether to dial `remote` now. */
export function decideDial(
  self: string,
  remote: string,
  state: DialState,
  connectedDirectly: boolean,
  now: number,
  options: BackoffOptions = {},
): DialDecision {
  if (connectedDirectly) return { action: 'wait', reason: 'connected' }
  if (!shouldDial(self, remote)) return { action: 'wait', reason: 'not-our-turn' }
  if (state.inFlight) return { action: 'wait', reason: 'in-flight' }
  if (state.failures >= (options.maxAttempts ?? DIAL_MAX_ATTEMPTS)) {
    return { action: 'wait', reason: 'gave-up' }
  }
  if (now < state.notBefore) return { action: 'wait', reason: 'backoff' }
  return { action: 'dial' }
}

/** The state after a dial ended. */
export function afterDial(
  state: DialState,
  ok: boolean,
  now: number,
  random: number,
  options: BackoffOptions = {},
): DialState {
  if (ok) return FRESH_DIAL
  const failures = state.failures + 1
  const delay = retryDelay(failures, random, options)
  return { inFlight: false, failures, notBefore: delay === undefined ? Infinity : now + delay }
}
