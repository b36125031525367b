/**
 * Figure 3: consensus latency, from the first proposal a node sees to its decision (the
 * `committed` event's `latencyMs`), for 4 to 100 members over the simulated network.
 *
 * @remarks
 * Protocol only: the counter app (`tests/sim/lib/counter-app.ts`) instead of DiLoCo, so the
 * heights cost what consensus costs. Every node signs its own proposals and votes with ML-DSA-65;
 * the simulator shares one cache of opened envelopes across nodes, so each signature is verified
 * once per process rather than once per node. Time is simulated: it advances only by network
 * delays and timers, never by computation, so the measured latency is the network's share. The
 * CPU a real node would spend on the critical path (one proposal check, 2q vote checks, two
 * signatures) is measured here and added as a serial upper bound in its own column.
 */
import {
  CONSENSUS_VERSION,
  consensusCodec,
  type ConsensusMessage,
} from '../../../shared/consensus/index.ts'
import { sealMessage, openMessage } from '../../../shared/protocol/index.ts'
import type { JobId, NodeId } from '../../../shared/types/index.ts'
import { counterApp, counterGenesis, type CounterState } from '../lib/counter-app.ts'
import type { LinkConditions } from '../lib/network.ts'
import { createSwarm, heights, simIdentity } from '../lib/swarm.ts'
import { conclude, heading, percentile, table, type Row } from './report.ts'

const JOB = 'c'.repeat(64) as JobId
const LINK: LinkConditions = { latencyMs: 50, jitterMs: 10, loss: 0 }
const SEED = 5
/** Members, and heights measured at each size (fewer where 100 nodes sign every vote). */
const SIZES: readonly { n: number; heights: number }[] = [
  { n: 4, heights: 20 },
  { n: 16, heights: 12 },
  { n: 64, heights: 4 },
  { n: 100, heights: 4 },
]
/** Time the counter app's proposer waits before proposing, as if collecting updates. */
const COLLECT_MS = 1_000
const GOAL_MS = 500

/** Time of sealing (sign) and opening (verify) one prevote in ms: fastest and median of 40. */
function cryptoCost(): Record<'fastest' | 'median', { signMs: number; verifyMs: number }> {
  const id = simIdentity(SEED, 0)
  const keys = (n: NodeId) => (n === id.nodeId ? id.publicKey : undefined)
  const sign: number[] = []
  const verify: number[] = []
  for (let i = 0; i < 40; i++) {
    const vote: ConsensusMessage = {
      type: 'prevote',
      v: CONSENSUS_VERSION,
      job: JOB,
      height: 1 + i,
      node: id.nodeId,
      round: 0,
      block: null,
    } as ConsensusMessage
    let t = performance.now()
    const env = sealMessage(consensusCodec, id, vote)
    sign.push(performance.now() - t)
    t = performance.now()
    const opened = openMessage(env, { codec: consensusCodec, job: JOB, keys })
    verify.push(performance.now() - t)
    if (!opened.ok) throw new Error(`cannot open our own vote: ${opened.reason.detail}`)
  }
  return {
    fastest: { signMs: Math.min(...sign), verifyMs: Math.min(...verify) },
    median: { signMs: percentile(sign, 50), verifyMs: percentile(verify, 50) },
  }
}

async function measure(n: number, want: number) {
  const swarm = createSwarm<CounterState>({
    n,
    seed: SEED,
    job: JOB,
    conditions: LINK,
    genesis: counterGenesis,
    app: () => counterApp({ job: JOB, collectMs: COLLECT_MS }),
  })
  const all = Array.from({ length: n }, (_, i) => i)
  const started = performance.now()
  swarm.start()
  await swarm.clock.runFor(600_000, () => Math.min(...heights(swarm, all)) >= want)
  const wallMs = performance.now() - started
  const latencies: number[] = []
  const rounds: number[] = []
  for (const events of swarm.events) {
    for (const e of events) {
      if (e.type !== 'committed' || e.height > want) continue
      if (e.latencyMs !== undefined) latencies.push(e.latencyMs)
      rounds.push(e.round)
    }
  }
  const done = Math.min(...heights(swarm, all))
  for (const node of swarm.nodes) node.stop()
  return {
    latencies,
    heights: done,
    laterRounds: rounds.filter((r) => r > 0).length,
    simMsPerHeight: swarm.clock.now() / Math.max(1, done),
    wallMs,
  }
}

/** Runs figure 3 and prints its table. */
export async function figure3(): Promise<void> {
  const crypto = cryptoCost()
  const cpu = (q: number, c: { signMs: number; verifyMs: number }) =>
    (1 + 2 * q) * c.verifyMs + 2 * c.signMs
  const ms = (c: { signMs: number; verifyMs: number }) =>
    `seal ${c.signMs.toFixed(2)} ms, open ${c.verifyMs.toFixed(2)} ms`
  heading('Figure 3: consensus latency (first proposal seen → decision)', {
    app: 'counter app (protocol only), every vote signed with ML-DSA-65',
    link: `${LINK.latencyMs} ms one-way + uniform jitter [0, ${LINK.jitterMs}) ms, no loss, one hop to every member`,
    'proposer collect wait': `${COLLECT_MS} ms (before the proposal; not part of the latency)`,
    timeouts: 'SwarmNode defaults (propose 3 s, prevote/precommit 1 s, +Δ per round)',
    sizes: SIZES.map((s) => `${s.n} nodes × ${s.heights} heights`).join(', '),
    seed: SEED,
    samples:
      "every node's committed event except the proposer's (it never receives its own proposal)",
    'ML-DSA-65 cost on this machine (40 tries)': `fastest ${ms(crypto.fastest)}; median ${ms(crypto.median)} (the median carries other processes' load)`,
    'CPU bound column':
      'p50 + (1 + 2q) opens + 2 seals, q = ⌊2n/3⌋ + 1: a node checking every message it needs in series',
  })
  const rows: Row[] = []
  let worst = 0
  for (const { n, heights: want } of SIZES) {
    const m = await measure(n, want)
    const q = Math.floor((2 * n) / 3) + 1
    const p50 = percentile(m.latencies, 50)
    const p95 = percentile(m.latencies, 95)
    if (n === 100) worst = p95 + cpu(q, crypto.fastest)
    rows.push({
      nodes: n,
      quorum: q,
      'heights (all nodes)': m.heights,
      samples: m.latencies.length,
      'p50 ms': p50.toFixed(1),
      'p95 ms': p95.toFixed(1),
      'max ms': Math.max(...m.latencies).toFixed(1),
      'later rounds': m.laterRounds,
      'p50 + CPU bound ms (fastest / median)': `${(p50 + cpu(q, crypto.fastest)).toFixed(0)} / ${(p50 + cpu(q, crypto.median)).toFixed(0)}`,
      'sim ms / height': m.simMsPerHeight.toFixed(0),
      'wall s': (m.wallMs / 1000).toFixed(1),
    })
  }
  table(rows)
  conclude(
    `proposal → certificate takes two message delays (prevote, precommit) at every size, about ` +
      `${rows.at(-1)?.['p50 ms']} ms p50 at 100 nodes on 50 ms links; adding the signature work of ` +
      `a node that checks every vote in series (fastest sign/verify times) gives ` +
      `${worst.toFixed(0)} ms (p95) at 100 nodes, ` +
      `${worst <= GOAL_MS ? 'within' : 'over'} the ${GOAL_MS} ms goal.`,
  )
}
