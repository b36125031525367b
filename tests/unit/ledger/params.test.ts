import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RewardSpec } from '../../../shared/job/index.ts'
import {
  checkLedgerParams,
  DEFAULT_LEDGER_PARAMS,
  ledgerParamsFromRewards,
  MAX_TRANSFER_AMOUNT,
} from '../../../shared/ledger/index.ts'

function manifestRewards(name: string): RewardSpec {
  const url = new URL(`../../../public/jobs/${name}.json`, import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { rewards: RewardSpec }).rewards
}

describe('ledgerParamsFromRewards', () => {
  it('read the rewards of the shipped job manifests', () => {
    const params = ledgerParamsFromRewards(manifestRewards('mnist-cnn'))
    expect(params).toEqual({
      ok: true,
      value: {
        updateReward: 1_000_000n,
        targetSamples: 3200,
        proposerReward: 100_000n,
        voterReward: 10_000n,
        slashFraction: { num: 5000n, den: 10_000n },
        evictionHeights: 10,
        maxTransferAmount: MAX_TRANSFER_AMOUNT,
      },
    })
    expect(ledgerParamsFromRewards(manifestRewards('mnist-mlp')).ok).toBe(true)
  })

  it('refuse amounts that are not decimal strings and out-of-range settings', () => {
    const good = manifestRewards('mnist-cnn')
    for (const bad of [
      { ...good, updateReward: '1.5' },
      { ...good, voterReward: '-1' },
      { ...good, proposerReward: '01' },
      { ...good, updateReward: '1000000000000000' },
      { ...good, slashBps: 10_001 },
      { ...good, slashBps: 0.5 },
      { ...good, targetSamples: 0 },
      { ...good, evictionHeights: -1 },
    ]) {
      expect(ledgerParamsFromRewards(bad).ok, JSON.stringify(bad)).toBe(false)
    }
  })
})

describe('checkLedgerParams', () => {
  it('accept the defaults and refuse a slash fraction above one or with a zero denominator', () => {
    expect(checkLedgerParams(DEFAULT_LEDGER_PARAMS).ok).toBe(true)
    const over = { ...DEFAULT_LEDGER_PARAMS, slashFraction: { num: 2n, den: 1n } }
    const zero = { ...DEFAULT_LEDGER_PARAMS, slashFraction: { num: 0n, den: 0n } }
    expect(checkLedgerParams(over).ok).toBe(false)
    expect(checkLedgerParams(zero).ok).toBe(false)
  })
})
