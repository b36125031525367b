/** The entry point of aggregation: checks the rule and the inputs, sorts, dispatches. */
import type { Result } from '../../types/index.ts'
import { MAX_CLIP_ITERATIONS } from './constants.ts'
import { bucketize } from './bucketing.ts'
import { centeredClip } from './centered-clip.ts'
import { multiKrum } from './krum.ts'
import { weightedMean } from './mean.ts'
import { medianTrim, trimmedMean } from './trimmed.ts'
import type {
  AggregateInput,
  AggregateOptions,
  AggregateResult,
  AggregationRule,
  KernelResult,
} from './types.ts'
import { sortedInputs } from './validate.ts'

/**
 * Aggregates the members' updates with `rule`. The result does not depend on the order of
 * `inputs` (they are sorted by node id first), bit for bit. Fails with a reason, never throws, on
 * invalid inputs or a rule that cannot run with this many inputs.
 */
export function aggregate(
  rule: AggregationRule,
  inputs: readonly AggregateInput[],
  options: AggregateOptions = {},
): Result<AggregateResult> {
  const sorted = sortedInputs(inputs, options)
  if (!sorted.ok) return sorted
  const xs = sorted.value.map((input) => input.vector)
  const result = runRule(rule, xs, sorted.value, options)
  if (!result.ok) return result
  const quality = sorted.value.map((input, i) => ({
    node: input.node,
    quality: result.value.quality[i] ?? 0,
  }))
  return { ok: true, value: { vector: result.value.vector, quality } }
}

function runRule(
  rule: AggregationRule,
  xs: readonly Float32Array[],
  inputs: readonly AggregateInput[],
  options: AggregateOptions,
): Result<KernelResult> {
  const n = xs.length
  switch (rule.type) {
    case 'mean':
      return weightedMean(
        xs,
        inputs.map((input) => input.samples),
      )
    case 'median':
      return { ok: true, value: trimmedMean(xs, medianTrim(n)) }
    case 'trimmed-mean': {
      if (!(rule.beta >= 0 && rule.beta < 0.5)) return fail(`beta ${rule.beta} not in [0, 1/2)`)
      return { ok: true, value: trimmedMean(xs, Math.floor(rule.beta * n)) }
    }
    case 'multi-krum': {
      const m = rule.m ?? n - rule.f
      if (!Number.isSafeInteger(rule.f) || rule.f < 0) return fail(`f ${rule.f} invalid`)
      if (n <= 2 * rule.f + 2) return fail(`Multi-Krum needs n > 2f + 2, has n=${n}, f=${rule.f}`)
      if (!Number.isSafeInteger(m) || m < 1 || m > n) return fail(`m ${m} not in [1, ${n}]`)
      return { ok: true, value: multiKrum(xs, rule.f, m) }
    }
    case 'centered-clip':
      return runCenteredClip(rule, xs, options)
  }
}

function runCenteredClip(
  rule: Extract<AggregationRule, { type: 'centered-clip' }>,
  xs: readonly Float32Array[],
  options: AggregateOptions,
): Result<KernelResult> {
  const { tau, iterations } = rule
  const size = rule.bucketSize ?? 1
  if (tau !== 'auto' && !(Number.isFinite(tau) && tau > 0)) return fail(`tau ${tau} invalid`)
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_CLIP_ITERATIONS) {
    return fail(`iterations ${iterations} not in [1, ${MAX_CLIP_ITERATIONS}]`)
  }
  if (!Number.isSafeInteger(size) || size < 1) return fail(`bucket size ${size} invalid`)
  let points = xs
  let bucketOf: readonly number[] = xs.map((_, i) => i)
  if (size > 1) {
    if (options.seed === undefined) return fail('bucketing needs a seed')
    const buckets = bucketize(xs, size, options.seed)
    points = buckets.means
    bucketOf = buckets.bucketOf
  }
  const start =
    options.previous === undefined
      ? Float64Array.from(trimmedMean(points, medianTrim(points.length)).vector)
      : Float64Array.from(options.previous)
  const result = centeredClip(points, start, tau, iterations)
  const quality = bucketOf.map((b) => result.quality[b] ?? 0)
  return { ok: true, value: { vector: result.vector, quality } }
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}
