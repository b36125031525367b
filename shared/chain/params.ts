/**
 * Chain parameters from a job manifest (the genesis), and the genesis state.
 */
import type { JobId, JobManifest } from '../job/index.ts'
import { createLedger, ledgerParamsFromRewards } from '../ledger/index.ts'
import type { Member } from '../node/application.ts'
import type { AggregationRule } from '../training/aggregate/index.ts'
import type { CompressionSpec } from '../training/compress/index.ts'
import type { HashHex, Height, NodeId, Result } from '../types/index.ts'
import type { ChainMember, ChainParams, DilocoState } from './types.ts'

/** Time a proposer waits for updates beyond the round's training budget. */
export const COLLECT_SLACK_MS = 2_000

/** The aggregation rule a manifest names. */
export function ruleOf(job: JobManifest): AggregationRule {
  const a = job.aggregation
  switch (a.rule) {
    case 'mean':
    case 'median':
      return { type: a.rule }
    case 'trimmed-mean':
      return { type: 'trimmed-mean', beta: a.beta }
    case 'multi-krum':
      return { type: 'multi-krum', f: a.f, m: a.m }
    case 'centered-clip':
      return {
        type: 'centered-clip',
        tau: a.tau,
        iterations: a.iterations,
        bucketSize: a.bucketSize,
      }
  }
}

/** The payload compression a manifest names, for a model of `d` parameters. */
export function compressionOf(job: JobManifest, d: number): CompressionSpec {
  const c = job.compression
  switch (c.kind) {
    case 'none':
      return { type: 'f32' }
    case 'int8':
      return { type: 'int8', chunk: c.chunkSize }
    case 'topk-int8':
      return {
        type: 'topk',
        k: Math.max(1, Math.min(d, Math.round(d * c.density))),
        chunk: c.chunkSize,
      }
  }
}

/** The chain parameters of a job whose model has `d` parameters. */
export function chainParams(job: JobManifest, id: JobId, d: number): Result<ChainParams> {
  const ledger = ledgerParamsFromRewards(job.rewards)
  if (!ledger.ok) return { ok: false, reason: `rewards: ${ledger.reason}` }
  return {
    ok: true,
    value: {
      job: id,
      dimension: d,
      rule: ruleOf(job),
      compression: compressionOf(job, d),
      outer: { lr: job.outer.lr, momentum: job.outer.momentum },
      ledger: ledger.value,
      silentHeights: job.rewards.silentHeightsBeforeEviction,
      banHeights: job.rewards.evictionHeights,
      collectMs: job.training.roundBudgetMs + COLLECT_SLACK_MS,
      roundBudgetMs: job.training.roundBudgetMs,
      maxUpdates: 512,
      maxJoins: 16,
      maxEvidence: 16,
      maxTransfers: 256,
    },
  }
}

/** S_0: θ_0 from the seeded initializer, zero momentum, an empty ledger, the founding members. */
export function genesisState(
  id: JobId,
  theta0: Float32Array,
  founders: readonly Member[],
): DilocoState {
  const members: ChainMember[] = [...founders]
    .sort((a, b) => (a.node < b.node ? -1 : 1))
    .map((m) => ({
      node: m.node,
      publicKey: m.publicKey,
      peer: m.peer,
      since: 0 as Height,
      lastSeen: 0 as Height,
    }))
  return {
    job: id,
    height: 0 as Height,
    blockHash: '0'.repeat(64) as HashHex,
    weights: theta0.slice(),
    momentum: new Float32Array(theta0.length),
    lastAggregate: new Float32Array(theta0.length),
    ledger: createLedger(),
    members,
    lastMembers: [],
    banned: new Map<NodeId, Height>(),
  }
}
