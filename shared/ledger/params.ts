/** Ledger parameters: the defaults, their validation, and the mapping from a job manifest. */
import type { RewardSpec } from '../job/index.ts'
import type { Result, TokenAmount } from '../types/index.ts'
import {
  BPS_DENOMINATOR,
  DEFAULT_EVICTION_HEIGHTS,
  DEFAULT_PROPOSER_REWARD,
  DEFAULT_SLASH_DEN,
  DEFAULT_SLASH_NUM,
  DEFAULT_TARGET_SAMPLES,
  DEFAULT_UPDATE_REWARD,
  DEFAULT_VOTER_REWARD,
  MAX_REWARD,
  MAX_TRANSFER_AMOUNT,
} from './constants.ts'
import type { LedgerParams } from './types.ts'

/** The defaults of `constants.ts`, as parameters. */
export const DEFAULT_LEDGER_PARAMS: LedgerParams = {
  updateReward: DEFAULT_UPDATE_REWARD as TokenAmount,
  targetSamples: DEFAULT_TARGET_SAMPLES,
  proposerReward: DEFAULT_PROPOSER_REWARD as TokenAmount,
  voterReward: DEFAULT_VOTER_REWARD as TokenAmount,
  slashFraction: { num: DEFAULT_SLASH_NUM, den: DEFAULT_SLASH_DEN },
  evictionHeights: DEFAULT_EVICTION_HEIGHTS,
  maxTransferAmount: MAX_TRANSFER_AMOUNT as TokenAmount,
}

function isAmountIn(v: unknown, min: bigint, max: bigint): boolean {
  return typeof v === 'bigint' && v >= min && v <= max
}

function isSafeIntIn(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min
}

/** The parameters if every one is in range, or the first that is not. */
export function checkLedgerParams(p: LedgerParams): Result<LedgerParams> {
  if (!isAmountIn(p.updateReward, 0n, MAX_REWARD)) return bad('updateReward out of range')
  if (!isAmountIn(p.proposerReward, 0n, MAX_REWARD)) return bad('proposerReward out of range')
  if (!isAmountIn(p.voterReward, 0n, MAX_REWARD)) return bad('voterReward out of range')
  if (!isSafeIntIn(p.targetSamples, 1)) return bad('targetSamples must be an integer ≥ 1')
  const { num, den } = p.slashFraction
  if (typeof num !== 'bigint' || typeof den !== 'bigint' || den < 1n || num < 0n || num > den) {
    return bad('slashFraction must be num/den with 0 ≤ num ≤ den and den ≥ 1')
  }
  if (!isSafeIntIn(p.evictionHeights, 0)) return bad('evictionHeights must be an integer ≥ 0')
  if (!isAmountIn(p.maxTransferAmount, 1n, MAX_TRANSFER_AMOUNT)) {
    return bad('maxTransferAmount out of range')
  }
  return { ok: true, value: p }
}

/**
 * Ledger parameters from a job manifest's `rewards` (amounts as decimal strings of micro-rUv,
 * the slash share in basis points); the transfer cap is `MAX_TRANSFER_AMOUNT`.
 */
export function ledgerParamsFromRewards(spec: RewardSpec): Result<LedgerParams> {
  const amounts: bigint[] = []
  for (const key of ['updateReward', 'proposerReward', 'voterReward'] as const) {
    const raw = spec[key]
    if (typeof raw !== 'string' || !/^(0|[1-9][0-9]{0,30})$/.test(raw)) {
      return bad(`${key} must be a decimal string of micro-rUv`)
    }
    amounts.push(BigInt(raw))
  }
  if (!isSafeIntIn(spec.slashBps, 0)) return bad('slashBps must be an integer in [0, 10000]')
  const [updateReward = 0n, proposerReward = 0n, voterReward = 0n] = amounts
  return checkLedgerParams({
    updateReward: updateReward as TokenAmount,
    targetSamples: spec.targetSamples,
    proposerReward: proposerReward as TokenAmount,
    voterReward: voterReward as TokenAmount,
    slashFraction: { num: BigInt(spec.slashBps), den: BPS_DENOMINATOR },
    evictionHeights: spec.evictionHeights,
    maxTransferAmount: MAX_TRANSFER_AMOUNT as TokenAmount,
  })
}

function bad(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}
