/**
 * The chain slice: the certified state's summary (balance, supply, members) and, from the
 * ledger's events of each height, this node's rewards and slashes, the transfers that touch it and
 * the quality of every node's last included update.
 */
import type { LedgerEvent } from '../../shared/ledger/index.ts'
import type { NodeId, TokenAmount } from '../../shared/types/index.ts'
import { MAX_EARNINGS, MAX_TRANSFERS } from './constants.ts'
import type { ChainState, ChainSummary, EarningRow, TransferRow } from './types.ts'

/** The chain before any state is known. */
export const INITIAL_CHAIN: ChainState = {
  summary: undefined,
  earnings: [],
  transfers: [],
  quality: {},
  samplesIncluded: 0,
}

/** A newer certified state (an older one, e.g. from a slow source, is ignored). */
export function reduceSummary(s: ChainState, summary: ChainSummary): ChainState {
  if (s.summary !== undefined && summary.height < s.summary.height) return s
  return { ...s, summary }
}

/** What the ledger did at `height`, seen from `self`. */
export function reduceLedger(
  s: ChainState,
  height: number,
  events: readonly LedgerEvent[],
  self: NodeId | undefined,
): ChainState {
  // A height is reported once; a repeat (a replayed or resent report) must not count twice.
  if (s.earnings.some((e) => e.height === height)) return s
  let rewards = 0n
  let slashed = 0n
  let samples = 0
  const quality = { ...s.quality }
  const transfers: TransferRow[] = []
  for (const e of events) {
    switch (e.type) {
      case 'reward':
        quality[e.node] = { height: e.height, ppm: e.qualityPpm }
        if (e.node === self) {
          rewards += e.amount
          samples += e.samples
        }
        break
      case 'proposer-reward':
      case 'voter-reward':
        if (e.node === self) rewards += e.amount
        break
      case 'slash':
        if (e.node === self) slashed += e.amount
        break
      case 'transfer':
      case 'transfer-skipped':
        if (self === undefined || e.from === self || e.to === self) {
          transfers.push({
            height: e.height,
            from: e.from,
            to: e.to,
            amount: e.amount,
            skipped: e.type === 'transfer-skipped' ? e.reason : undefined,
          })
        }
        break
    }
  }
  const row: EarningRow = {
    height,
    rewards: rewards as TokenAmount,
    slashed: slashed as TokenAmount,
    samples,
  }
  return {
    ...s,
    earnings: [...s.earnings, row].sort((a, b) => a.height - b.height).slice(-MAX_EARNINGS),
    transfers:
      transfers.length === 0 ? s.transfers : [...s.transfers, ...transfers].slice(-MAX_TRANSFERS),
    quality,
    samplesIncluded: s.samplesIncluded + samples,
  }
}
