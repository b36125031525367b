/**
 * The training slice: the chosen backend, the round in progress, and per height the finished
 * rounds, the test-set evaluations and the bytes moved. Series are kept sorted by height, one
 * record per height (a later report for the same height replaces the earlier one).
 */
import type { TrainingState } from './types.ts'
import { MAX_SERIES } from './constants.ts'
import type { DashboardInput } from './types.ts'

/** Training before the trainer has reported. */
export const INITIAL_TRAINING: TrainingState = {
  backend: undefined,
  current: undefined,
  rounds: [],
  evals: [],
  traffic: [],
  samplesTrained: 0,
}

/** Puts `row` into a by-height series, replacing the row of the same height. */
export function upsertByHeight<T extends { readonly height: number }>(
  series: readonly T[],
  row: T,
): readonly T[] {
  const last = series[series.length - 1]
  if (last === undefined || last.height < row.height) return [...series, row].slice(-MAX_SERIES)
  return [...series.filter((r) => r.height !== row.height), row]
    .sort((a, b) => a.height - b.height)
    .slice(-MAX_SERIES)
}

type TrainingInput = Extract<
  DashboardInput,
  { kind: 'backend' | 'progress' | 'trained' | 'evaluated' | 'traffic' }
>

/** The next training slice after `input`. */
export function reduceTraining(s: TrainingState, input: TrainingInput): TrainingState {
  switch (input.kind) {
    case 'backend':
      return { ...s, backend: input.report }
    case 'progress':
      return { ...s, current: { height: input.height, progress: input.progress } }
    case 'trained': {
      const m = input.metrics
      const replaced = s.rounds.find((r) => r.height === input.height)
      return {
        ...s,
        current: s.current?.height === input.height ? undefined : s.current,
        rounds: upsertByHeight(s.rounds, {
          height: input.height,
          steps: m.steps,
          samples: m.samples,
          meanLoss: m.meanLoss,
          elapsedMs: m.elapsedMs,
          computeMs: m.computeMs,
        }),
        samplesTrained: s.samplesTrained - (replaced?.samples ?? 0) + m.samples,
      }
    }
    case 'evaluated':
      return { ...s, evals: upsertByHeight(s.evals, { height: input.height, ...input.result }) }
    case 'traffic':
      return {
        ...s,
        traffic: upsertByHeight(s.traffic, {
          height: input.height,
          sentBytes: input.sentBytes,
          receivedBytes: input.receivedBytes,
        }),
      }
  }
}

/** Steps per second of wall time: of the round in progress, else of the last finished one. */
export function stepsPerSecond(s: TrainingState): number | undefined {
  const p = s.current?.progress
  if (p !== undefined && p.elapsedMs > 0 && p.step > 0) return (1000 * p.step) / p.elapsedMs
  const last = s.rounds[s.rounds.length - 1]
  if (last !== undefined && last.elapsedMs > 0) return (1000 * last.steps) / last.elapsedMs
  return undefined
}
