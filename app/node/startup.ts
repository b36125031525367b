/**
 * The node's start-up, in order: the job (validated), the identity and storage of the tab's slot,
 * the trainer worker (data loaded, backend measured), the chain parameters, the founder claimed at
 * the relay, the genesis state and the chain app. Each stage is reported as it begins; a refusal
 * is a value with its reason. `startingPoint` then says where the swarm node starts: its own saved
 * state, the genesis (the founder), or a checkpoint fetched and verified.
 */
import {
  chainParams,
  genesisState,
  type ChainParams,
  type DilocoApp,
  type DilocoState,
} from '../../shared/chain/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import { jobId as jobIdOf, type JobId, type JobManifest } from '../../shared/job/index.ts'
import { initialWeights } from '../../shared/model/index.ts'
import { restore, type CaughtUp, type Member } from '../../shared/node/index.ts'
import type { Storage } from '../../shared/storage/index.ts'
import type { Transport } from '../../shared/transport/index.ts'
import type { Result } from '../../shared/types/index.ts'
import type { BackendSummary, NodeStatus } from '../state/types.ts'
import { buildApp, type AppHooks } from './chain-node.ts'
import { IdbStorage } from './idb-storage.ts'
import { loadBrowserIdentity } from './identity.ts'
import { claimFounder, loadJob } from './job.ts'
import type { RuntimeOptions } from './options.ts'
import { connectTrainer, startTrainerWorker, type TrainerClient } from './trainer-client.ts'

/** What start-up tells the runtime as it goes. */
export interface StartupHooks {
  set(patch: Partial<NodeStatus>): void
  /** The job, and the identity and storage of the tab's slot, are known. */
  known(job: JobManifest, id: JobId, identity: Identity, storage: Storage): void
  /** The worker exists (its data is loading). */
  trainer(trainer: TrainerClient): void
  /** The worker is ready; the controls saved before it existed apply now. */
  ready(trainer: TrainerClient): Promise<void>
  backend(report: BackendSummary): void
  /** The chain app's hooks, for this node's identity. */
  app(identity: Identity): AppHooks
}

/** Everything the swarm node is built from. */
export interface Started {
  readonly job: JobManifest
  readonly id: JobId
  readonly identity: Identity
  readonly storage: Storage
  readonly trainer: TrainerClient
  readonly app: DilocoApp
  readonly transport: Transport
  readonly params: ChainParams
  readonly genesis: DilocoState
  readonly founder: Member
}

/** Runs the start-up stages; refused with the reason of the stage that failed. */
export async function startUp(
  transport: () => Transport | undefined,
  origin: string,
  options: RuntimeOptions,
  slot: number,
  hooks: StartupHooks,
): Promise<Result<Started>> {
  const loaded = await loadJob(origin, options)
  if (!loaded.ok) return loaded
  const job = loaded.value
  const id = jobIdOf(job)
  const storage = await IdbStorage.open(`swarm-node/${id}/${slot}`)
  const { identity } = await loadBrowserIdentity(storage, slot)
  hooks.known(job, id, identity, storage)
  hooks.set({ status: 'loading', jobId: id, jobName: job.name, attack: options.attack })

  const trainer = connectTrainer(startTrainerWorker())
  hooks.trainer(trainer)
  const report = await trainer.init(job, {
    baseUrl: origin,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    onProgress: (p) =>
      hooks.set({
        loading: `${p.phase} ${p.item} ${p.done}${p.total === undefined ? '' : `/${p.total}`}`,
      }),
  })
  await hooks.ready(trainer)
  hooks.backend({ chosen: report.backend.chosen, reason: report.backend.reason })
  hooks.set({ loading: undefined })

  const t = transport()
  if (t === undefined) return { ok: false, reason: 'not connected to the swarm' }
  const theta0 = initialWeights(job.model, job.seed)
  const params = chainParams(job, id, theta0.length)
  if (!params.ok) return params
  hooks.set({ status: 'genesis' })
  const founder = await claimFounder(origin, id, identity, t.self)
  if (!founder.ok) return founder
  hooks.set({ founder: founder.value.node })
  const genesis = genesisState(id, theta0, [founder.value])
  const app = await buildApp(params.value, identity, trainer, options.attack, hooks.app(identity))
  return {
    ok: true,
    value: {
      job,
      id,
      identity,
      storage,
      trainer,
      app,
      transport: t,
      params: params.value,
      genesis,
      founder: founder.value,
    },
  }
}

/**
 * Where the swarm node starts: its saved state when it has one with members, the genesis when it
 * founded the job, else the first verified checkpoint (`undefined`: none before the node stopped).
 */
export async function startingPoint(
  s: Started,
  fetchCheckpoint: () => Promise<CaughtUp | undefined>,
  syncing: () => void,
): Promise<CaughtUp | undefined> {
  const saved = await restore(s.storage, s.id, s.app)
  if (saved.ok && saved.value !== undefined && saved.value.state.members.length > 0)
    return saved.value
  if (s.founder.node === s.identity.nodeId) return { state: s.genesis, log: [] }
  syncing()
  return fetchCheckpoint()
}
