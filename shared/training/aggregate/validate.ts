/** Checks and orders aggregation inputs: the first step of every rule. */
import type { Result } from '../../types/index.ts'
import type { AggregateInput, AggregateOptions } from './types.ts'

/**
 * The inputs sorted by node id (code-unit order), after checking that there is at least one, that
 * node ids are distinct, that every vector has the same length and only finite values, and that
 * samples are finite and non-negative. Sorting is what makes every rule independent of arrival
 * order, bit for bit.
 */
export function sortedInputs(
  inputs: readonly AggregateInput[],
  options: AggregateOptions,
): Result<readonly AggregateInput[]> {
  if (inputs.length === 0) return { ok: false, reason: 'no inputs to aggregate' }
  const sorted = [...inputs].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))
  const d = sorted[0]?.vector.length ?? 0
  for (let i = 0; i < sorted.length; i++) {
    const input = sorted[i] as AggregateInput
    if (i > 0 && sorted[i - 1]?.node === input.node) {
      return { ok: false, reason: `two inputs from ${input.node}` }
    }
    if (input.vector.length !== d) {
      return { ok: false, reason: `${input.node} has ${input.vector.length} values, not ${d}` }
    }
    if (!(Number.isFinite(input.samples) && input.samples >= 0)) {
      return { ok: false, reason: `${input.node} has invalid samples ${input.samples}` }
    }
    if (!allFinite(input.vector))
      return { ok: false, reason: `${input.node} has a non-finite value` }
  }
  const previous = options.previous
  if (previous !== undefined && (previous.length !== d || !allFinite(previous))) {
    return { ok: false, reason: 'previous aggregate has the wrong length or a non-finite value' }
  }
  return { ok: true, value: sorted }
}

function allFinite(x: Float32Array): boolean {
  // x − x is 0 for finite x and NaN for ±∞ and NaN; one comparison per value.
  let acc = 0
  for (let i = 0; i < x.length; i++) acc += (x[i] ?? 0) - (x[i] ?? 0)
  return acc === 0
}
