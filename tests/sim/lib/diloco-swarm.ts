/**
 * A simulated swarm running the real DiLoCo chain application with toy trainers (or any trainer).
 */
import {
  DilocoApp,
  genesisState,
  type ChainParams,
  type DilocoState,
  type LocalTrainer,
  type UpdateAttack,
} from '../../../shared/chain/index.ts'
import { DEFAULT_LEDGER_PARAMS, type LedgerEvent } from '../../../shared/ledger/index.ts'
import type { Misbehaviour } from '../../../shared/node/outbound.ts'
import type { AggregationRule } from '../../../shared/training/aggregate/index.ts'
import type { CompressionSpec } from '../../../shared/training/compress/index.ts'
import type { Height, JobId } from '../../../shared/types/index.ts'
import type { LinkConditions } from './network.ts'
import { createSwarm, type Swarm } from './swarm.ts'
import { toyTarget, toyTrainer } from './toy-trainer.ts'

export const SIM_JOB = 'b'.repeat(64) as JobId

/** Chain parameters for simulations. */
export function simParams(d: number, o: Partial<ChainParams> = {}): ChainParams {
  const rule: AggregationRule = { type: 'centered-clip', tau: 'auto', iterations: 3, bucketSize: 1 }
  const compression: CompressionSpec = { type: 'int8', chunk: 1024 }
  return {
    job: SIM_JOB,
    dimension: d,
    rule,
    compression,
    outer: { lr: 0.7, momentum: 0.9 },
    ledger: DEFAULT_LEDGER_PARAMS,
    silentHeights: 5,
    banHeights: 10,
    collectMs: 2_000,
    maxUpdates: 512,
    maxJoins: 16,
    maxEvidence: 16,
    maxTransfers: 256,
    ...o,
  }
}

/** Options of a DiLoCo simulation. */
export interface DilocoSwarmOptions {
  readonly n: number
  readonly d: number
  readonly seed?: number
  readonly params?: Partial<ChainParams>
  readonly conditions?: LinkConditions
  readonly misbehave?: Readonly<Record<number, Misbehaviour>>
  /** A vector sent instead of node i's honest Δ. */
  readonly attack?: Readonly<Record<number, (delta: Float32Array, h: Height) => Float32Array>>
  /** Any update attack of node i (see `shared/chain/test-attacks.ts`); wins over `attack`. */
  readonly updateAttack?: Readonly<Record<number, UpdateAttack>>
  readonly genesisMembers?: number
  readonly trainer?: (i: number, clock: Swarm<DilocoState>['clock']) => LocalTrainer
  /** Train the next height on a checked block's state before it is certified (default true). */
  readonly trainAhead?: boolean
}

function attackOf(o: DilocoSwarmOptions, i: number): UpdateAttack | undefined {
  const full = o.updateAttack?.[i]
  if (full !== undefined) return full
  const delta = o.attack?.[i]
  return delta === undefined ? undefined : { delta: (d, view) => delta(d, view.height) }
}

/** The swarm, its apps and the toy target. */
export function dilocoSwarm(o: DilocoSwarmOptions) {
  const params = simParams(o.d, o.params)
  const target = toyTarget(o.d)
  const apps: DilocoApp[] = []
  /** Ledger events of every block each node applied, by node index. */
  const ledgerEvents: LedgerEvent[][] = Array.from({ length: o.n }, () => [])
  const swarm = createSwarm<DilocoState>({
    n: o.n,
    seed: o.seed ?? 1,
    job: SIM_JOB,
    timeouts: {
      propose: (r) => 6_000 + 1_000 * r,
      prevote: (r) => 1_000 + 500 * r,
      precommit: (r) => 1_000 + 500 * r,
    },
    resendMs: 1_500,
    ...(o.conditions === undefined ? {} : { conditions: o.conditions }),
    ...(o.misbehave === undefined ? {} : { misbehave: o.misbehave }),
    ...(o.genesisMembers === undefined ? {} : { genesisMembers: o.genesisMembers }),
    genesis: (members) => genesisState(SIM_JOB, new Float32Array(o.d), members),
    app: (i, { identity, clock }) => {
      const app = new DilocoApp({
        params,
        identity,
        trainer: o.trainer?.(i, clock) ?? toyTrainer(i, target, clock),
        ...(attackOf(o, i) === undefined ? {} : { attack: attackOf(o, i) }),
        onApplied: (_next, result) => ledgerEvents[i]?.push(...result.ledgerEvents),
        ...(o.trainAhead === undefined ? {} : { trainAhead: o.trainAhead }),
      })
      apps.push(app)
      return app
    },
  })
  return { swarm, apps, params, target, ledgerEvents }
}
