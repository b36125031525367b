/**
 * Reflect and Adapt.
 *
 * Reflect looks back over the rounds since the last adaptation: deadlines missed or met in a row,
 * and acceptance of the node's updates since the last resync.
 *
 * Adapt moves the baseline H and duty cycle, and asks for resyncs, from what Reflect saw, always
 * within the user's limits and the thresholds of `AdaptConfig`.
 *
 * @remarks
 * - Missed deadlines (`missStreak` in a row): raise the baseline duty cycle by `dutyStep` if it is
 *   below the user's cap and no rule is holding the duty cycle down; otherwise cut H by
 *   `innerStepsDecrease` (at least 1), down to `minInnerSteps`.
 * - On time (`recoverStreak` in a row): raise H by `innerStepsIncrease` (at least 1), up to the
 *   cap. Each change restarts both streaks, so the next needs fresh evidence (AIMD).
 * - Acceptance below `resyncBelow` over at least `minAcceptanceSamples` updates: resync from the
 *   checkpoint, then wait the backoff before another; the backoff doubles (to a cap) while
 *   resyncs do not bring acceptance to `resyncRecovered`, and resets when one does.
 */
import type { AuditAction } from '../audit/types.ts'
import type { Controls } from '../facts.ts'
import { innerStepsCap } from '../limits.ts'
import type { Acceptance, History } from './history.ts'
import type { AdaptConfig, UserSettings } from './settings.ts'

/** How the node is doing, as Adapt sees it. */
export interface Reflection {
  /** Round outcomes this tick brought in. */
  readonly newRounds: number
  readonly latestHeight: number | undefined
  /** Trained rounds in a row that missed the deadline, since the last change of H or duty. */
  readonly missedStreak: number
  /** Trained rounds in a row on time, since the last change of H or duty. */
  readonly onTimeStreak: number
  /** Acceptance of the node's updates since the last resync. */
  readonly acceptance: Acceptance
  /** One line per observation worth keeping in the audit log. */
  readonly notes: readonly string[]
}

/** Reflects on `history` after `newRounds` new outcomes, since Adapt's last change and resync. */
export function reflect(history: History, newRounds: number, marks: AdaptState): Reflection {
  const missedStreak = history.streak(true, marks.changeHeight)
  const onTimeStreak = history.streak(false, marks.changeHeight)
  const acceptance = history.acceptance(marks.resyncHeight)
  const notes: string[] = []
  if (newRounds > 0) {
    const parts = [`${newRounds} new round${newRounds === 1 ? '' : 's'}`]
    if (missedStreak > 0) parts.push(`${missedStreak} missed deadline(s) in a row`)
    if (acceptance.rate !== undefined) {
      parts.push(`acceptance ${round(2, acceptance.rate)} over ${acceptance.samples} update(s)`)
    }
    notes.push(parts.join('; '))
  }
  return {
    newRounds,
    latestHeight: history.latestHeight(),
    missedStreak,
    onTimeStreak,
    acceptance,
    notes,
  }
}

/** What Adapt remembers between ticks. */
export interface AdaptState {
  /** Baseline duty cycle and H: what holds when no rule asks otherwise. */
  readonly dutyCycle: number
  readonly innerSteps: number
  /** Height of the last change (streaks count after it). */
  readonly changeHeight: number
  /** Height of the last resync (acceptance counts after it). */
  readonly resyncHeight: number
  /** No resync before this time (ms). */
  readonly resyncNotBefore: number
  readonly resyncBackoffMs: number
  /** A resync happened and its effect is not known yet. */
  readonly resyncPending: boolean
}

/** The circumstances of this tick that Adapt needs. */
export interface AdaptContext {
  readonly now: number
  readonly settings: UserSettings
  readonly config: AdaptConfig
  readonly jobInnerSteps: number
  /** A rule holds the duty cycle this tick, so raising the baseline would not take effect. */
  readonly dutyHeldByRule: boolean
}

/** Adapt's decision: the new state, the changes to record, and a resync reason if one is due. */
export interface Adaptation {
  readonly state: AdaptState
  readonly changes: readonly AuditAction[]
  readonly resync: string | undefined
}

/** The first state: the given baseline, no history, the default backoff. */
export function initialAdaptState(baseline: Controls, config: AdaptConfig): AdaptState {
  return {
    dutyCycle: baseline.dutyCycle,
    innerSteps: baseline.innerSteps,
    changeHeight: -1,
    resyncHeight: -1,
    resyncNotBefore: -Infinity,
    resyncBackoffMs: config.resyncBackoffMs,
    resyncPending: false,
  }
}

/** Decides how to adapt after `reflection`; pure. */
export function adapt(reflection: Reflection, state: AdaptState, ctx: AdaptContext): Adaptation {
  const height = reflection.latestHeight
  if (reflection.newRounds === 0 || height === undefined) {
    return { state, changes: [], resync: undefined }
  }
  const changes: AuditAction[] = []
  const note = (what: string, from: number, to: number, why: string) =>
    changes.push({ type: 'adapt', what, from, to, why })
  let next = tuneWork(reflection, state, ctx, note, height)
  let resync: string | undefined
  const { rate, samples } = reflection.acceptance
  const { config } = ctx
  const backoff = next.resyncBackoffMs
  if (rate !== undefined && samples >= config.minAcceptanceSamples) {
    if (next.resyncPending && rate >= config.resyncRecovered) {
      const why = `acceptance recovered to ${round(2, rate)} after the resync`
      note('resyncBackoffMs', backoff, config.resyncBackoffMs, why)
      next = { ...next, resyncPending: false, resyncBackoffMs: config.resyncBackoffMs }
    } else if (rate < config.resyncBelow && ctx.now >= next.resyncNotBefore) {
      resync = `acceptance ${round(2, rate)} over ${samples} updates is below ${config.resyncBelow}`
      const longer = Math.min(config.maxResyncBackoffMs, backoff * 2)
      const why = 'next resync waits longer unless this one helps'
      if (longer !== backoff) note('resyncBackoffMs', backoff, longer, why)
      const resyncNotBefore = ctx.now + backoff
      const marks = { resyncHeight: height, resyncNotBefore, resyncPending: true }
      next = { ...next, ...marks, resyncBackoffMs: longer }
    }
  }
  return { state: next, changes, resync }
}

function tuneWork(
  reflection: Reflection,
  state: AdaptState,
  ctx: AdaptContext,
  note: (what: string, from: number, to: number, why: string) => void,
  changeHeight: number,
): AdaptState {
  const { config, settings } = ctx
  const { dutyCycle, innerSteps } = state
  if (reflection.missedStreak >= config.missStreak) {
    const why = `missed ${reflection.missedStreak} deadlines in a row`
    if (!ctx.dutyHeldByRule && dutyCycle < settings.maxDutyCycle) {
      const duty = Math.min(settings.maxDutyCycle, round(3, dutyCycle + config.dutyStep))
      note('dutyCycle', dutyCycle, duty, `${why}; raising the duty cycle`)
      return { ...state, dutyCycle: duty, changeHeight }
    }
    if (innerSteps > settings.minInnerSteps) {
      const cut = Math.min(innerSteps - 1, Math.floor(innerSteps * config.innerStepsDecrease))
      const steps = Math.max(settings.minInnerSteps, cut)
      note('innerSteps', innerSteps, steps, `${why}; lowering H`)
      return { ...state, innerSteps: steps, changeHeight }
    }
    const stuck = `${why}, but H and the duty cycle are at the user’s limits`
    note('innerSteps', innerSteps, innerSteps, stuck)
    return { ...state, changeHeight }
  }
  const cap = innerStepsCap(settings, ctx.jobInnerSteps)
  if (reflection.onTimeStreak >= config.recoverStreak && innerSteps < cap) {
    const grown = Math.max(innerSteps + 1, Math.floor(innerSteps * config.innerStepsIncrease))
    const steps = Math.min(cap, grown)
    const why = `${reflection.onTimeStreak} rounds on time in a row; raising H`
    note('innerSteps', innerSteps, steps, why)
    return { ...state, innerSteps: steps, changeHeight }
  }
  return state
}

function round(places: number, x: number): number {
  return Math.round(x * 10 ** places) / 10 ** places
}
