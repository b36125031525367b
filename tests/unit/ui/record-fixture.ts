/**
 * Records the dashboard inputs of one node of a simulated swarm into a JSON fixture for the UI
 * tests: `node tests/unit/ui/record-fixture.ts [out.json]`.
 *
 * @remarks
 * Four `SwarmNode`s run the real DiLoCo chain on the simulator's network and clock, each training
 * the MNIST MLP with the real trainer core (wasm backend) on its shard; node 3 equivocates and is
 * slashed; three transfers are sent (one with a wrong nonce, skipped). Node 0 also runs the
 * autonomy loop with the default policy over scripted sensors (on battery at heights 6–7: paused;
 * tab hidden at heights 10–11: duty cycle 0.25, applied to its real trainer). What is recorded is
 * what node 0 would feed its dashboard: its node events, the certified state's summary and the
 * ledger's events per height (recomputed with `transition` and checked against the committed
 * state hash), its trainer's backend report, progress, metrics and test-set evaluation, the bytes
 * it sent and received per height, and the loop's controls and signed audit entries.
 * Real training takes real time while the simulated clock waits for it (see `drive`).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format } from 'prettier'
import {
  AuditLog,
  AutonomyLoop,
  defaultRules,
  type Controls,
} from '../../../shared/autonomy/index.ts'
import {
  blockHash,
  chainParams,
  checkBlock,
  decodeBlock,
  DilocoApp,
  genesisState,
  stateHash,
  transition,
  type DilocoState,
  type LocalTrainer,
} from '../../../shared/chain/index.ts'
import { sha256Hex } from '../../../shared/crypto/index.ts'
import { parseJob, type DecodedDataset } from '../../../shared/job/index.ts'
import { sealTransfer, transferMessage, type LedgerEvent } from '../../../shared/ledger/index.ts'
import { initialWeights } from '../../../shared/model/index.ts'
import { MemoryStorage } from '../../../shared/storage/index.ts'
import { decodeVector, encodeVector } from '../../../shared/training/compress/index.ts'
import { topicFor, type Height, type TokenAmount } from '../../../shared/types/index.ts'
import { TrainerCore } from '../../../workers/trainer-core.ts'
import { toJson } from '../../../app/state/json.ts'
import { chainSummary } from '../../../app/state/sources.ts'
import type { DashboardInput } from '../../../app/state/types.ts'
import { SIM_JOB } from '../../sim/lib/diloco-swarm.ts'
import { createSwarm } from '../../sim/lib/swarm.ts'
import { fileLoader, PUBLIC_URL } from '../trainer/helpers.ts'

const N = 4
const HEIGHTS = 14
const OUT = process.argv[2] ?? fileURLToPath(new URL('fixtures/diloco-node0.json', import.meta.url))
const job = parseJob(JSON.parse(readFileSync(new URL('jobs/mnist-mlp.json', PUBLIC_URL), 'utf8')))
const theta0 = initialWeights(job.model, job.seed)
const base = chainParams(job, SIM_JOB, theta0.length)
if (!base.ok) throw new Error(base.reason)
// A shorter collection window than the job's 20 s, so a missing update costs one window.
const params = { ...base.value, collectMs: 4_000 }

const inputs: DashboardInput[] = []
const record = (input: DashboardInput) => inputs.push(input)
/** Real work the simulated clock must wait for. */
const pending = new Set<Promise<unknown>>()
const labels = new Map<Promise<unknown>, string>()
const track = <T>(p: Promise<T>, label = '?'): Promise<T> => {
  labels.set(p, label)
  pending.add(p)
  void p.finally(() => pending.delete(p)).catch(() => undefined)
  return p
}
/** One trainer at a time: the cores share one tfjs engine. */
let lock: Promise<unknown> = Promise.resolve()
const serial = <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const run = lock.then(fn, fn)
  lock = run.catch(() => undefined)
  return track(run, label)
}

const datasets = new Map<string, DecodedDataset>()
const cores = Array.from(
  { length: N },
  (_, i) =>
    new TrainerCore({
      loader: fileLoader,
      baseUrl: PUBLIC_URL,
      backends: i === 0 ? ['wasm', 'cpu'] : ['wasm'],
      measure: i === 0,
      datasets,
    }),
)
const reports = []
for (const core of cores) reports.push(await core.init(job))

/** Decoded update vectors by payload hash, exactly as a receiver decodes them. */
const vectors = new Map<string, Float32Array>()
const ledgerByHeight = new Map<number, readonly LedgerEvent[]>()
let node0Paused = false

const swarm = createSwarm<DilocoState>({
  n: N,
  seed: 11,
  job: SIM_JOB,
  timeouts: {
    propose: (r) => 6_000 + 1_000 * r,
    prevote: (r) => 1_000 + 500 * r,
    precommit: (r) => 1_000 + 500 * r,
  },
  resendMs: 1_500,
  misbehave: { 3: { equivocate: true } },
  genesis: (members) => genesisState(SIM_JOB, theta0, members),
  app: (i, { identity, clock }) => {
    const trainer: LocalTrainer = {
      async train(weights, height) {
        if (i === 0 && node0Paused) throw new Error('paused')
        const result = await serial(`train ${i}@${height}`, () =>
          cores[i]!.train(
            weights,
            { height, nodeId: identity.nodeId, progressEvery: 20, progressIntervalMs: 0 },
            (progress) => {
              if (i === 0) record({ kind: 'progress', height, progress })
            },
          ),
        )
        if (i === 0) record({ kind: 'trained', height, metrics: result.metrics })
        const payload = encodeVector(result.delta, params.compression)
        const decoded = decodeVector(payload, { dimension: params.dimension })
        if (decoded.ok) vectors.set(sha256Hex(payload), decoded.value.vector)
        // The round took this long for real; let it take as long on the simulated clock.
        await new Promise<void>((resolve) => clock.setTimeout(resolve, result.metrics.elapsedMs))
        return {
          delta: result.delta,
          samples: result.metrics.samples,
          loss: result.metrics.meanLoss,
        }
      },
    }
    const app = new DilocoApp({ params, identity, trainer })
    if (i !== 0) return app
    // Node 0's app, with the ledger's events of each applied block recomputed alongside.
    const applyBlock = app.applyBlock.bind(app)
    app.applyBlock = async (s, bytes, cert, ctx) => {
      const next = await applyBlock(s, bytes, cert, ctx)
      const b = decodeBlock(bytes)
      const checked = b.ok ? checkBlock(b.value, s, stateHash(s), params) : b
      if (!b.ok || !checked.ok) throw new Error('recorder: cannot re-check a committed block')
      const updates = checked.value.updates.map((m) => {
        const vector = vectors.get(m.payloadHash)
        if (vector === undefined) throw new Error('recorder: unknown payload')
        return { node: m.node, samples: m.samples, vector }
      })
      const { joins, slashed, transfers, voters } = checked.value
      const t = transition(s, params, {
        blockHash: blockHash(bytes),
        proposer: b.value.proposer,
        updates,
        joins,
        slashed,
        transfers,
        voters,
      })
      if (!t.ok || stateHash(t.value.state) !== stateHash(next))
        throw new Error('recorder: ledger replay differs')
      ledgerByHeight.set(next.height, t.value.ledgerEvents)
      return next
    }
    return app
  },
})

const self = swarm.identities[0]!.nodeId
record({ kind: 'identity', nodeId: self })
record({ kind: 'attached', attached: true })
record({ kind: 'backend', report: reports[0]!.backend })

// Node 0's traffic: bytes it sent (gossip, requests, answers) and received (gossip, answers).
const t0 = swarm.transports[0]!
let received = 0
t0.on('message', (m) => (received += m.data.length))
const request = t0.request.bind(t0)
t0.request = async (...args) => {
  const r = await request(...args)
  if (r.ok) received += r.value.length
  return r
}
let lastSent = 0
let lastReceived = 0

// Node 0's autonomy loop over scripted sensors; its actuators act on node 0's real trainer.
let height = 0
let controls: Controls = {
  paused: false,
  dutyCycle: 1,
  innerSteps: job.training.innerSteps,
  backend: 'auto',
  compression: 1,
}
const setControls = (c: Partial<Controls>) => {
  controls = { ...controls, ...c }
  record({ kind: 'controls', controls })
  return Promise.resolve()
}
const audit = await AuditLog.open(
  { storage: new MemoryStorage(), identity: swarm.identities[0]! },
  { job: SIM_JOB },
)
audit.subscribe((entry) => record({ kind: 'audit', entry }))
const wallClock = Date.UTC(2026, 0, 5, 12, 0)
const loop = new AutonomyLoop(
  {
    clock: { now: () => wallClock + swarm.clock.now() },
    audit,
    sensors: {
      battery: () => ({ level: 0.8, charging: !(height >= 5 && height < 7) }),
      visible: () => !(height >= 9 && height < 11),
      training: () => ({ stepMs: 3, backend: 'wasm' }),
      rounds: () => ({ swarmHeight: height, nodeHeight: height, recent: [] }),
    },
    actuators: {
      pause: () => ((node0Paused = true), setControls({ paused: true })),
      resume: () => ((node0Paused = false), setControls({ paused: false })),
      setDutyCycle: async (x) => (await cores[0]!.setDutyCycle(x), setControls({ dutyCycle: x })),
      setInnerSteps: (h) => setControls({ innerSteps: h }),
      setBackend: (b) => setControls({ backend: b }),
      setCompression: (c) => setControls({ compression: c }),
      resync: () => Promise.resolve(),
    },
  },
  { rules: defaultRules(), controls, jobInnerSteps: job.training.innerSteps },
)
record({ kind: 'controls', controls })

const transferFrom = (from: number, to: number, amount: bigint, nonce: bigint) => {
  const message = transferMessage({
    job: SIM_JOB,
    height: height as Height,
    node: swarm.identities[from]!.nodeId,
    to: swarm.identities[to]!.nodeId,
    amount: amount as TokenAmount,
    nonce,
  })
  void swarm.transports[from]!.publish(
    topicFor(SIM_JOB, 'app'),
    sealTransfer(swarm.identities[from]!, message),
  )
}

swarm.nodes[0]!.on((event) => {
  record({ kind: 'node', event })
  if (event.type !== 'committed') return
  const node = swarm.nodes[0]!
  height = event.height
  record({ kind: 'chain', summary: chainSummary(node.state, self, event.stateHash) })
  record({ kind: 'ledger', height: event.height, events: ledgerByHeight.get(event.height) ?? [] })
  const sent = t0.traffic.gossipBytesSent + t0.traffic.requestBytesSent
  record({
    kind: 'traffic',
    height: event.height,
    sentBytes: sent - lastSent,
    receivedBytes: received - lastReceived,
  })
  lastSent = sent
  lastReceived = received
  const weights = node.state.weights.slice()
  const h = event.height
  void serial(`evaluate ${h}`, () => cores[0]!.evaluate(weights, { maxSamples: 2_000 })).then(
    (result) => record({ kind: 'evaluated', height: h, result }),
  )
  void track(loop.tick(), `tick ${h}`)
  if (h === 3) transferFrom(1, 0, 500_000n, 0n)
  if (h === 5) transferFrom(0, 2, 250_000n, 0n)
  if (h === 8) transferFrom(2, 0, 100_000n, 7n)
})

swarm.start()
const began = Date.now()
while (swarm.nodes[0]!.view.height < HEIGHTS) {
  await swarm.clock.runFor(50)
  while (pending.size > 0) {
    const timer = setTimeout(() => {
      console.error(
        'recorder: stuck on',
        [...pending].map((p) => labels.get(p)),
      )
      process.exit(1)
    }, 120_000)
    await Promise.all([...pending])
    clearTimeout(timer)
  }
  if (swarm.clock.now() > 600_000) throw new Error('recorder: the swarm stalled')
}
await Promise.all([...pending])
for (const core of cores) await core.dispose()
// Formatted as the repository's Prettier check wants it.
writeFileSync(OUT, await format(toJson(inputs), { parser: 'json' }))
console.log(
  `${inputs.length} inputs, height ${HEIGHTS}, ${((Date.now() - began) / 1000).toFixed(1)} s → ${OUT}`,
)
