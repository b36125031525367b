/**
 * Figure 1: MNIST MLP trained by 8 simulated DiLoCo nodes (int8 updates, the job's aggregation
 * rule and Nesterov outer step through the chain's `transition`), against one node training
 * centrally with the same trainer core on the same number of samples. See `mnist.ts`.
 */
import { jobId } from '../../../shared/job/index.ts'
import { weightLayout } from '../../../shared/model/index.ts'
import { CENTRAL_CALL_STEPS, HEIGHTS, INNER_STEPS, NODES, SEED, sharedPool } from './budget.ts'
import { mlpJob, paramsOf, runCentral, runDiloco } from './mnist.ts'
import { conclude, heading, pct, points, table, type Row } from './report.ts'

const GOAL_POINTS = 0.5
const EVAL_EVERY = 5

/** Runs figure 1 and prints its table. */
export async function figure1(): Promise<void> {
  const job = mlpJob()
  const params = paramsOf(job)
  const batch = job.training.batchSize
  const samples = NODES * HEIGHTS * INNER_STEPS * batch
  heading('Figure 1: DiLoCo (8 nodes) vs one node training centrally, MNIST MLP', {
    job: `${job.name} (${jobId(job).slice(0, 12)}…), d = ${weightLayout(job.model).paramCount}`,
    trainer: 'TrainerCore from workers/ in Node, tfjs wasm backend, single-threaded',
    driver:
      "shared/chain's transition() called directly per height (no consensus network); same shard rule, int8 payload encode/decode, aggregation, outer step and ledger that SwarmNode would agree on",
    DiLoCo: `${NODES} nodes × ${HEIGHTS} heights × H = ${INNER_STEPS} inner steps × batch ${batch}`,
    central: `1 node, ${samples / batch} plain AdamW steps × batch ${batch} in calls of ${CENTRAL_CALL_STEPS} steps, each on a fresh shard (same core; moments kept across calls)`,
    'samples (each)': `${samples} (${(samples / 60_000).toFixed(2)} epochs of the 60,000 training images)`,
    'inner optimizer': job.training.optimizer,
    outer: params.outer,
    rule: params.rule,
    compression: params.compression,
    'test set': 'all 10,000 MNIST test images',
    seed: `identities ${SEED}, job seed ${job.seed}`,
  })
  const evalAt = Array.from(
    { length: Math.floor(HEIGHTS / EVAL_EVERY) },
    (_, k) => EVAL_EVERY * (k + 1),
  )
  const diloco = await runDiloco(sharedPool(), job, {
    nodes: NODES,
    heights: HEIGHTS,
    innerSteps: INNER_STEPS,
    evalAt,
    seed: SEED,
  })
  const central = await runCentral(
    sharedPool(),
    job,
    samples / batch,
    CENTRAL_CALL_STEPS,
    diloco.curve.map((p) => p.samples),
  )
  const rows: Row[] = diloco.curve.map((p) => {
    const c = central.curve.find((x) => x.samples === p.samples)
    const acc = c?.accuracy ?? (p.samples === samples ? central.accuracy : NaN)
    return {
      samples: p.samples,
      epochs: (p.samples / 60_000).toFixed(2),
      'DiLoCo height': p.height,
      'DiLoCo accuracy': pct(p.accuracy),
      'central accuracy': pct(acc),
      'gap (points)': points(acc - p.accuracy),
    }
  })
  table(rows)
  console.log(
    `final test loss: DiLoCo ${diloco.loss.toFixed(4)}, central ${central.loss.toFixed(4)}; ` +
      `median honest ‖Δ‖ ${diloco.honestNorm.toFixed(2)}; final state hash ` +
      `${diloco.finalHash.slice(0, 16)}…; wall time DiLoCo ` +
      `${(diloco.wallMs / 1000).toFixed(0)} s, central ${(central.wallMs / 1000).toFixed(0)} s\n`,
  )
  const gap = central.accuracy - diloco.accuracy
  conclude(
    `after ${samples} samples DiLoCo reaches ${pct(diloco.accuracy)} against ${pct(central.accuracy)} ` +
      `for central training, a gap of ${points(gap)} points ` +
      `(goal: within ${GOAL_POINTS}: ${gap <= GOAL_POINTS / 100 ? 'met' : 'not met'}).`,
  )
}
