/**
 * Figure 4: bytes each node sends per height, measured on the simulated network's traffic
 * counters while the real DiLoCo app runs over SwarmNode consensus at the MNIST MLP's dimension,
 * against sending fp32 gradients at every inner step.
 *
 * @remarks
 * The counters see everything a node sends: gossip (update headers, proposals carrying the
 * signed headers, prevotes, precommits, re-sends) counted once per recipient, and request answers
 * (payloads fetched by hash). Payload sizes depend only on the compression spec and d, not on the
 * values, so toy trainers stand in for tfjs here. The fp32 baseline is the brief's 4·d·H bytes
 * per height (one copy of every inner-step gradient); since a swarm node uploads its payload to
 * each of the n − 1 others, the like-for-like baseline (4·d·H to each of n − 1 peers) is shown
 * too.
 */
import { jobId } from '../../../shared/job/index.ts'
import { weightLayout } from '../../../shared/model/index.ts'
import { compressedSize, type CompressionSpec } from '../../../shared/training/compress/index.ts'
import { dilocoSwarm } from '../lib/diloco-swarm.ts'
import { heights } from '../lib/swarm.ts'
import { INNER_STEPS, NODES } from './budget.ts'
import { mlpJob, paramsOf } from './mnist.ts'
import { bytes, conclude, heading, table, type Row } from './report.ts'

const HEIGHTS = 6
const SEED = 4
const TOPK_DENSITY = 0.03
const GOAL = 400

interface Measured {
  readonly payload: number
  readonly perHeight: number
  readonly payloadsPerHeight: number
  readonly gossipPerHeight: number
  readonly heights: number
}

async function measure(d: number, compression: CompressionSpec): Promise<Measured> {
  const job = mlpJob()
  const params = paramsOf(job)
  const { swarm } = dilocoSwarm({
    n: NODES,
    d,
    seed: SEED,
    // The job's rule and outer step; the simulator's own job id, genesis and timeouts.
    params: { compression, rule: params.rule, outer: params.outer },
  })
  const all = Array.from({ length: NODES }, (_, i) => i)
  swarm.start()
  await swarm.clock.runFor(600_000, () => Math.min(...heights(swarm, all)) >= HEIGHTS)
  const done = Math.min(...heights(swarm, all))
  for (const node of swarm.nodes) node.stop()
  const eps = swarm.net.endpoints()
  const gossip = eps.reduce((s, e) => s + e.traffic.gossipBytesSent, 0)
  const requests = eps.reduce((s, e) => s + e.traffic.requestBytesSent, 0)
  const per = (x: number) => x / NODES / done
  return {
    payload: compressedSize(compression, d),
    perHeight: per(gossip + requests),
    payloadsPerHeight: per(requests),
    gossipPerHeight: per(gossip),
    heights: done,
  }
}

/** Runs figure 4 and prints its table. */
export async function figure4(): Promise<void> {
  const job = mlpJob()
  const d = weightLayout(job.model).paramCount
  const chunk = job.compression.kind === 'none' ? 4096 : job.compression.chunkSize
  const specs: { name: string; spec: CompressionSpec }[] = [
    { name: 'int8 (job)', spec: paramsOf(job).compression },
    {
      name: `top-k ${TOPK_DENSITY * 100}% + int8`,
      spec: { type: 'topk', k: Math.round(TOPK_DENSITY * d), chunk },
    },
  ]
  const hs = [...new Set([INNER_STEPS, job.training.innerSteps, 500])].sort((a, b) => a - b)
  heading('Figure 4: bytes sent per node per height vs fp32 gradients every inner step', {
    job: `${job.name} (${jobId(job).slice(0, 12)}…), d = ${d} parameters`,
    swarm: `${NODES} nodes, DiLoCo app over SwarmNode consensus, toy trainers (payload sizes do not depend on values)`,
    network:
      '50 ms one-way + [0, 10) ms jitter, no loss; every gossip message counted once per recipient',
    heights: `${HEIGHTS} (all nodes), seed ${SEED}`,
    compression: specs.map((s) => `${s.name}: ${JSON.stringify(s.spec)}`).join('; '),
    'fp32 baseline':
      '4·d·H bytes per node per height (one copy); like-for-like: × (n − 1) recipients',
    'H shown': `${hs.join(', ')} (figure 1's H, the job's H, DiLoCo paper scale)`,
  })
  const rows: Row[] = []
  let jobRatio = 0
  let jobFanoutRatio = 0
  for (const { name, spec } of specs) {
    const m = await measure(d, spec)
    for (const h of hs) {
      const fp32 = 4 * d * h
      const ratio = fp32 / m.perHeight
      const fanout = (fp32 * (NODES - 1)) / m.perHeight
      if (spec.type === 'int8' && h === job.training.innerSteps) {
        jobRatio = ratio
        jobFanoutRatio = fanout
      }
      rows.push({
        compression: name,
        H: h,
        'payload B': m.payload,
        'sent / node / height': bytes(m.perHeight),
        'of which payloads': bytes(m.payloadsPerHeight),
        'of which gossip': bytes(m.gossipPerHeight),
        'fp32 4·d·H': bytes(fp32),
        'fp32 / payload': `${(fp32 / m.payload).toFixed(0)}×`,
        ratio: `${ratio.toFixed(0)}×`,
        'fp32 to n−1 peers': bytes(fp32 * (NODES - 1)),
        'ratio like-for-like': `${fanout.toFixed(0)}×`,
      })
    }
  }
  table(rows)
  const per = (fpH: number) => (4 * d * fpH) / compressedSize(paramsOf(job).compression, d)
  conclude(
    `one int8 payload is ${per(job.training.innerSteps).toFixed(0)}× smaller than H = ${job.training.innerSteps} fp32 gradients (4 × H); at the job's H = ${job.training.innerSteps}, int8 DiLoCo sends ${jobRatio.toFixed(0)}× fewer bytes ` +
      `than one copy of fp32 gradients per step (goal ${GOAL}×: ${jobRatio >= GOAL ? 'met' : 'not met'}, ` +
      `because each payload goes to ${NODES - 1} peers and signed gossip adds its share) and ` +
      `${jobFanoutRatio.toFixed(0)}× fewer than fp32 gradients sent to the same ${NODES - 1} peers; ` +
      `the gain is H (steps per exchange) × 4 (int8), and top-k 3% multiplies it further.`,
  )
}
