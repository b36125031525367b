/**
 * The chain parts of the tab's node: the `DilocoApp` over the trainer worker (with a test attack
 * where the job allows one) and the `SwarmNode` that runs it over the tab's transport. Each hook
 * the app offers reports to the runtime's listeners (round tracking, metrics, the store).
 */
import {
  DilocoApp,
  localTrainer,
  type ChainParams,
  type DilocoState,
  type LocalTrainer,
  type TransitionResult,
} from '../../shared/chain/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import { timedApplication, type HeightRecorder } from '../../shared/metrics/index.ts'
import {
  SwarmNode,
  type Misbehaviour,
  type SwarmNodeInit,
  type Clock,
} from '../../shared/node/index.ts'
import type { TrainMetrics, TrainProgress } from '../../shared/trainer/index.ts'
import type { Storage } from '../../shared/storage/index.ts'
import type { Transport } from '../../shared/transport/index.ts'
import type { Height, JobId } from '../../shared/types/index.ts'
import type { TestAttack } from './options.ts'
import type { TrainerClient } from './trainer-client.ts'

/** What the app reports while it trains and applies blocks. */
export interface AppHooks {
  /** H in force (undefined: the job's). */
  readonly maxSteps: () => number | undefined
  readonly progress: (height: Height, progress: TrainProgress) => void
  readonly trained: (height: Height, metrics: TrainMetrics) => void
  readonly applied: (next: DilocoState, result: TransitionResult) => void
  /** Wraps the local trainer (the autonomy loop's round tracker). */
  readonly wrap: (trainer: LocalTrainer) => LocalTrainer
}

/** The chain app over the worker; test attacks load only when asked for. */
export async function buildApp(
  params: ChainParams,
  identity: Identity,
  trainer: TrainerClient,
  attack: TestAttack | undefined,
  hooks: AppHooks,
): Promise<DilocoApp> {
  // The job allows the attack: `loadJob` refused it otherwise.
  const tools =
    attack === undefined ? undefined : await import('../../shared/chain/test-attacks.ts')
  const updateAttack =
    tools !== undefined && attack !== undefined && tools.isUpdateAttack(attack)
      ? tools.updateAttack(attack, Number.parseInt(identity.nodeId.slice(0, 8), 16))
      : undefined
  return new DilocoApp({
    params,
    identity,
    trainer: hooks.wrap(
      localTrainer(trainer, identity.nodeId, {
        maxSteps: hooks.maxSteps,
        onProgress: hooks.progress,
        onTrained: hooks.trained,
      }),
    ),
    onApplied: hooks.applied,
    ...(updateAttack === undefined ? {} : { attack: updateAttack }),
  })
}

/** What a swarm node needs beside the started parts. */
export interface NodeExtras {
  readonly clock: Clock
  readonly attack: TestAttack | undefined
  readonly recorder: HeightRecorder
}

/** The started parts a swarm node runs on (start-up's `Started` has them). */
export interface NodeParts {
  readonly id: JobId
  readonly identity: Identity
  readonly transport: Transport
  readonly app: DilocoApp
  readonly storage: Storage
  readonly params: ChainParams
}

/** A `SwarmNode` from `state` and its `log` (at start-up, and again after a resync). */
export function createSwarmNode(
  started: NodeParts,
  extras: NodeExtras,
  state: DilocoState,
  log: SwarmNodeInit<DilocoState>['log'],
): SwarmNode<DilocoState> {
  const { id, identity, transport, app, storage, params } = started
  const { clock, attack, recorder } = extras
  const misbehave: Misbehaviour | undefined =
    attack === 'equivocate'
      ? { equivocate: true }
      : attack === 'silent'
        ? { silent: true }
        : undefined
  return new SwarmNode<DilocoState>({
    job: id,
    identity,
    transport,
    clock,
    app: timedApplication(app, () => performance.now(), recorder.onPhase),
    state,
    ...(log === undefined ? {} : { log }),
    storage,
    // A proposer waits up to `collectMs` for the members' updates; the others must not give up
    // on it sooner, or a slow round (a loaded machine, a big model) turns into nil-vote rounds.
    timeouts: {
      propose: (r) => params.collectMs + 3_000 + 1_000 * r,
      prevote: (r) => 1_000 + 500 * r,
      precommit: (r) => 1_000 + 500 * r,
    },
    ...(misbehave === undefined ? {} : { misbehave }),
  })
}
