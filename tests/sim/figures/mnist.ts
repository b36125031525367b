/**
 * MNIST MLP training for figures 1 and 2: DiLoCo over the chain's own transition, and one node
 * training centrally, both with the real tfjs trainer core in Node (wasm backend).
 *
 * @remarks
 * The DiLoCo run drives `transition` from `shared/chain` directly, without the consensus network:
 * per height every member trains H inner AdamW steps from θ_{h−1} on the shard the job's rule
 * picks for (node, height) (`TrainerCore.train`, one core per node so each keeps its own inner
 * optimizer state, as in DiLoCo's Algorithm 1), its Δ is int8-encoded and decoded exactly as a
 * payload on the wire, and the block's transition aggregates (the job's rule), takes the Nesterov
 * outer step and applies the ledger. That is the computation every `SwarmNode` would recompute
 * and agree on; the network only decides who is included, and here everyone is. Byzantine
 * members are an omniscient, colluding attacker (`craftAttack` sees the honest Δs of the height).
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  chainParams,
  genesisState,
  stateHash,
  transition,
  type ChainParams,
  type DilocoState,
  type IncludedUpdate,
} from '../../../shared/chain/index.ts'
import { sha256Hex, type Identity } from '../../../shared/crypto/index.ts'
import { jobId, parseJob, type JobManifest } from '../../../shared/job/index.ts'
import { initialWeights, weightLayout } from '../../../shared/model/index.ts'
import type { Member } from '../../../shared/node/application.ts'
import type { AggregationRule } from '../../../shared/training/aggregate/index.ts'
import { craftAttack, type AttackSpec } from '../../../shared/training/attacks/index.ts'
import { decodeVector, encodeVector } from '../../../shared/training/compress/index.ts'
import type { HashHex } from '../../../shared/types/index.ts'
import type { ByteLoader } from '../../../workers/data/fetch-bytes.ts'
import { TrainerCore } from '../../../workers/trainer-core.ts'
import { simIdentity } from '../lib/swarm.ts'
import { simPeerId } from '../lib/network.ts'

const PUBLIC_URL = new URL('../../../public/', import.meta.url)

/** Reads `file:` URLs from disk, as `fetch` reads HTTP ones in the browser. */
const fileLoader: ByteLoader = async (url) => new Uint8Array(await readFile(fileURLToPath(url)))

/** The MNIST MLP manifest, optionally with test attacks allowed (a copy, for label-flip). */
export function mlpJob(allowTestAttacks = false): JobManifest {
  const path = fileURLToPath(new URL('jobs/mnist-mlp.json', PUBLIC_URL))
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  return parseJob({ ...raw, allowTestAttacks })
}

/** Byzantine members of a run and what they send. */
export interface Byzantine {
  readonly indices: readonly number[]
  /** A crafted update, or honest training on flipped labels (the trainer's test attack). */
  readonly attack: AttackSpec | 'label-flip'
}

/** One DiLoCo run. */
export interface DilocoRun {
  readonly nodes: number
  /** Heights (outer steps). */
  readonly heights: number
  /** Inner steps per height. */
  readonly innerSteps: number
  /** The aggregation rule; the job's by default. */
  readonly rule?: AggregationRule
  readonly byzantine?: Byzantine
  /** Evaluate θ after these heights too (the last height is always evaluated). */
  readonly evalAt?: readonly number[]
  /** Seed of the simulated identities (node ids pick the shards). */
  readonly seed?: number
}

/** Test accuracy after a number of training samples. */
export interface CurvePoint {
  readonly height: number
  readonly samples: number
  readonly accuracy: number
}

/** What a DiLoCo run ends with. */
export interface DilocoResult {
  readonly accuracy: number
  readonly loss: number
  /** Samples behind the included honest updates. */
  readonly honestSamples: number
  readonly curve: readonly CurvePoint[]
  /** Hash of S_R, the chain state every honest node would hold (`stateHash`). */
  readonly finalHash: HashHex
  /** Share of the minted update rewards (quality-scaled) paid to the Byzantine members. */
  readonly byzantineRewardShare: number
  /** Median ‖Δ‖ of the honest updates as received (after int8), over the run. */
  readonly honestNorm: number
  /** Mean aggregation quality of the Byzantine and the honest updates over the run. */
  readonly quality: { readonly byzantine: number; readonly honest: number }
  readonly wallMs: number
}

/** The trainer cores of a process, one per simulated node, each with the data loaded once. */
export class CorePool {
  readonly #cores: TrainerCore[] = []

  /**
   * Cores for `n` nodes; those in `fresh` are initialised afresh for `job` (new model and
   * optimizer state), the others are left as they are (their nodes do not train).
   */
  async take(n: number, job: JobManifest, fresh: ReadonlySet<number>): Promise<TrainerCore[]> {
    while (this.#cores.length < n)
      this.#cores.push(new TrainerCore({ loader: fileLoader, baseUrl: PUBLIC_URL.href }))
    const cores = this.#cores.slice(0, n)
    for (const [i, core] of cores.entries())
      if (fresh.has(i)) await core.init(job, { backend: 'wasm' })
    return cores
  }
}

/** The chain parameters of `job` with an optional rule override. */
export function paramsOf(job: JobManifest, rule?: AggregationRule): ChainParams {
  const d = weightLayout(job.model).paramCount
  const p = chainParams(job, jobId(job), d)
  if (!p.ok) throw new Error(`chain params: ${p.reason}`)
  return rule === undefined ? p.value : { ...p.value, rule }
}

/** Simulated identities and members for `n` nodes. */
export function simMembers(n: number, seed: number): { ids: Identity[]; members: Member[] } {
  const ids = Array.from({ length: n }, (_, i) => simIdentity(seed, i))
  const members = ids.map((id, i) => ({
    node: id.nodeId,
    publicKey: id.publicKey,
    peer: simPeerId(i),
  }))
  return { ids, members }
}

/** Runs DiLoCo for `run.heights` heights through the chain's transition. */
export async function runDiloco(
  pool: CorePool,
  job: JobManifest,
  run: DilocoRun,
): Promise<DilocoResult> {
  const started = performance.now()
  const params = paramsOf(job, run.rule)
  const { ids, members } = simMembers(run.nodes, run.seed ?? 1)
  const byz = new Set(run.byzantine?.indices ?? [])
  const attack = run.byzantine?.attack
  // Crafted attacks need no training at the Byzantine nodes; label-flip trains everyone.
  const trains = (i: number) => !byz.has(i) || attack === 'label-flip'
  const all = Array.from({ length: run.nodes }, (_, i) => i)
  const cores = await pool.take(run.nodes, job, new Set([0, ...all.filter(trains)]))
  let state: DilocoState = genesisState(params.job, initialWeights(job.model, job.seed), members)
  const curve: CurvePoint[] = []
  const quality = { byzantine: [] as number[], honest: [] as number[] }
  let honestSamples = 0
  const norms: number[] = []
  const byzIds = new Set(ids.filter((_, i) => byz.has(i)).map((id) => id.nodeId))
  const rewards = { total: 0n, byzantine: 0n }
  const evalAt = new Set(run.evalAt ?? [])
  let final = { accuracy: NaN, loss: NaN }
  for (let h = 1; h <= run.heights; h++) {
    const honest: { i: number; delta: Float32Array; samples: number }[] = []
    const labelFlipped: { i: number; delta: Float32Array; samples: number }[] = []
    for (let i = 0; i < run.nodes; i++) {
      if (!trains(i)) continue
      const flips = byz.has(i)
      const r = await (cores[i] as TrainerCore).train(state.weights, {
        height: h,
        nodeId: (ids[i] as Identity).nodeId,
        maxSteps: run.innerSteps,
        // No wall-clock cut: every run does exactly H steps, so results are deterministic.
        budgetMs: 1e12,
        progressEvery: run.innerSteps,
        ...(flips ? { attack: 'label-flip' as const } : {}),
      })
      const entry = { i, delta: r.delta, samples: r.metrics.samples }
      if (flips) labelFlipped.push(entry)
      else honest.push(entry)
    }
    const crafted =
      attack === undefined || attack === 'label-flip'
        ? []
        : craftAttack(
            attack,
            honest.map((x) => x.delta),
            byz.size,
            h,
          )
    const claimed = run.innerSteps * job.training.batchSize
    const sent = [
      ...honest,
      ...labelFlipped,
      ...[...byz]
        .filter(() => attack !== 'label-flip')
        .map((i, k) => ({ i, delta: crafted[k] as Float32Array, samples: claimed })),
    ]
    const updates: IncludedUpdate[] = sent.map((u) => ({
      node: (ids[u.i] as Identity).nodeId,
      samples: u.samples,
      vector: overTheWire(u.delta, params),
    }))
    honestSamples += honest.reduce((s, u) => s + u.samples, 0)
    updates.slice(0, honest.length).forEach((u) => norms.push(norm(u.vector)))
    const next = transition(state, params, {
      blockHash: sha256Hex(new TextEncoder().encode(`figure-block|${h}`)),
      proposer: (state.members[h % state.members.length] as Member).node,
      updates,
      joins: [],
      slashed: [],
      transfers: [],
      voters: h === 1 ? [] : state.members.map((m) => m.node),
    })
    if (!next.ok) throw new Error(`transition at height ${h}: ${next.reason}`)
    state = next.value.state
    for (const e of next.value.ledgerEvents) {
      if (e.type !== 'reward') continue
      rewards.total += e.amount
      if (byzIds.has(e.node)) rewards.byzantine += e.amount
    }
    for (const [node, q] of next.value.quality) {
      const i = ids.findIndex((id) => id.nodeId === node)
      ;(byz.has(i) ? quality.byzantine : quality.honest).push(q)
    }
    if (evalAt.has(h) || h === run.heights) {
      final = await (cores[0] as TrainerCore).evaluate(state.weights)
      if (evalAt.has(h)) curve.push({ height: h, samples: honestSamples, accuracy: final.accuracy })
    }
  }
  return {
    accuracy: final.accuracy,
    loss: final.loss,
    honestSamples,
    curve,
    finalHash: stateHash(state),
    byzantineRewardShare: Number((rewards.byzantine * 1_000_000n) / max1(rewards.total)) / 1e6,
    honestNorm: median(norms),
    quality: { byzantine: avg(quality.byzantine), honest: avg(quality.honest) },
    wallMs: performance.now() - started,
  }
}

/**
 * One node training centrally: `steps` plain inner AdamW steps, continued across calls of at most
 * `chunk` steps each.
 */
export async function runCentral(
  pool: CorePool,
  job: JobManifest,
  steps: number,
  chunk: number,
  evalAtSamples: readonly number[] = [],
): Promise<{ accuracy: number; loss: number; curve: CurvePoint[]; wallMs: number }> {
  const started = performance.now()
  const [core] = (await pool.take(1, job, new Set([0]))) as [TrainerCore]
  const batch = job.training.batchSize
  let weights = initialWeights(job.model, job.seed)
  const curve: CurvePoint[] = []
  const marks = [...evalAtSamples].sort((a, b) => a - b)
  let done = 0
  // The trainer takes at most `chunk` steps per call; its AdamW moments persist across
  // calls and each call starts from the previous call's end, so this is one continuous loop.
  // Each call draws a fresh shard and order (the job's rule with height = call number).
  for (let call = 1; done < steps; call++) {
    let n = Math.min(chunk, steps - done)
    const mark = marks.find((m) => m > done * batch)
    if (mark !== undefined) n = Math.min(n, Math.ceil(mark / batch) - done)
    const r = await core.train(weights, {
      height: call,
      nodeId: 'central',
      maxSteps: n,
      budgetMs: 1e12,
      progressEvery: n,
    })
    const next = new Float32Array(weights.length)
    for (let k = 0; k < next.length; k++) next[k] = (weights[k] ?? 0) - (r.delta[k] ?? 0)
    weights = next
    done += r.metrics.steps
    if (marks.includes(done * batch)) {
      const ev = await core.evaluate(weights)
      curve.push({ height: call, samples: done * batch, accuracy: ev.accuracy })
    }
  }
  const final = await core.evaluate(weights)
  return { accuracy: final.accuracy, loss: final.loss, curve, wallMs: performance.now() - started }
}

/** A Δ as a receiver sees it: encoded with the job's compression and decoded again. */
function overTheWire(delta: Float32Array, params: ChainParams): Float32Array {
  const decoded = decodeVector(encodeVector(delta, params.compression), {
    dimension: params.dimension,
  })
  if (!decoded.ok) throw new Error(`payload: ${decoded.reason.detail}`)
  return decoded.value.vector
}

const max1 = (x: bigint): bigint => (x > 0n ? x : 1n)

function norm(v: Float32Array): number {
  let s = 0
  for (const x of v) s += x * x
  return Math.sqrt(s)
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] ?? NaN
}

const avg = (xs: readonly number[]): number =>
  xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length
