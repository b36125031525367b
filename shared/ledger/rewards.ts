/**
 * The reward for one included update, in integers.
 *
 * @remarks
 * reward = ⌊updateReward × qualityPpm × min(samples, target) / (10^6 × target)⌋, one bigint
 * division at the end, so the result is exact up to that single floor (which never over-mints).
 *
 * Quality arrives as a float in [0, 1] from the aggregation rule and is quantized once:
 * `qualityPpm = Math.round(quality × 10^6)`. That is one IEEE-754 double multiply (round to
 * nearest even, fixed by ECMAScript, so every engine gets the same bits) and then `Math.round`,
 * which takes the nearest integer and breaks an exact tie upwards (2.5 → 3). Nearest rather than
 * floor because decimal qualities are rarely exact doubles: 0.000249 × 10^6 is
 * 248.99999999999997, which should count as 249 ppm.
 */
import type { TokenAmount } from '../types/index.ts'
import { QUALITY_SCALE } from './constants.ts'
import { LedgerInputError } from './errors.ts'
import type { LedgerParams } from './types.ts'

/** Whether `quality` is a finite number in [0, 1]. */
export function isQuality(quality: number): boolean {
  return typeof quality === 'number' && quality >= 0 && quality <= 1
}

/** A quality in [0, 1] as integer parts per million (nearest, ties up). Throws if out of range. */
export function quantizeQuality(quality: number): number {
  if (!isQuality(quality)) throw new LedgerInputError(`quality ${quality} not in [0, 1]`)
  return Math.round(quality * QUALITY_SCALE)
}

/** The reward minted to an update of `qualityPpm` and `samples` (rounded down). */
export function updateRewardFor(
  params: LedgerParams,
  qualityPpm: number,
  samples: number,
): TokenAmount {
  const target = BigInt(params.targetSamples)
  const counted = BigInt(Math.min(Math.max(samples, 0), params.targetSamples))
  const scale = BigInt(QUALITY_SCALE) * target
  return ((params.updateReward * BigInt(qualityPpm) * counted) / scale) as TokenAmount
}
