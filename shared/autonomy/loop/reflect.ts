/**
 * Reflect: looks back over the rounds since the last adaptation and says how the node is doing:
 * deadlines missed or met in a row, acceptance of its updates since the last resync, what it
 * earns and where the loss is heading.
 */
import type { Acceptance, History } from './history.ts'

/** Where Adapt's windows start: the heights of its last change and last resync. */
export interface ReflectMarks {
  readonly changeHeight: number
  readonly resyncHeight: number
}

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
  readonly tokensPerHour: number | undefined
  readonly lossTrend: number | undefined
  /** One line per observation worth keeping in the audit log. */
  readonly notes: readonly string[]
}

/** Reflects on `history` after `newRounds` new outcomes, from the marks of the last adaptation. */
export function reflect(history: History, newRounds: number, marks: ReflectMarks): Reflection {
  const missedStreak = history.streak(true, marks.changeHeight)
  const onTimeStreak = history.streak(false, marks.changeHeight)
  const acceptance = history.acceptance(marks.resyncHeight)
  const notes: string[] = []
  if (newRounds > 0) {
    const parts = [`${newRounds} new round${newRounds === 1 ? '' : 's'}`]
    if (missedStreak > 0) parts.push(`${missedStreak} missed deadline(s) in a row`)
    if (acceptance.rate !== undefined) {
      parts.push(`acceptance ${round2(acceptance.rate)} over ${acceptance.samples} update(s)`)
    }
    notes.push(parts.join('; '))
  }
  return {
    newRounds,
    latestHeight: history.latestHeight(),
    missedStreak,
    onTimeStreak,
    acceptance,
    tokensPerHour: history.tokensPerHour(),
    lossTrend: history.lossTrend(),
    notes,
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100
}
