/**
 * Validation of job manifests: every issue is reported with its path, e.g.
 * `training.optimizer.lr: must be > 0, got 0`.
 */
import type { Issue } from '../model/index.ts'
import { weightLayout } from '../model/index.ts'
import type { Result } from '../types/index.ts'
import { Checker } from './check.ts'
import { JOB_MANIFEST_VERSION, LIMITS } from './constants.ts'
import { InvalidJobError } from './errors.ts'
import type {
  AggregationSpec,
  CompressionSpec,
  DatasetFile,
  DatasetSpec,
  JobManifest,
  RewardSpec,
  TrainingSpec,
} from './types.ts'
import { readModel } from './validate-model.ts'

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/
const HEX64 = /^[0-9a-f]{64}$/
// Relative paths only: no scheme, no leading slash, no `..` segment (data never comes from elsewhere).
const REL_PATH = /^(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/
const MICRO_RUV = /^(0|[1-9][0-9]{0,30})$/
const UNIT = { min: 0, max: 1 }
const POS_INT = { integer: true, min: 1 }

/** Validates an untrusted manifest; on failure returns every issue found. */
export function validateJob(raw: unknown): Result<JobManifest, Issue[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw
    return {
      ok: false,
      reason: [{ path: '(manifest)', message: `must be a JSON object, got ${got}` }],
    }
  }
  const c = new Checker()
  const j = c.object(raw, '', [
    'version',
    'name',
    'description',
    'seed',
    'model',
    'dataset',
    'training',
    'outer',
    'aggregation',
    'compression',
    'rewards',
    'allowTestAttacks',
  ])
  if (j.version !== undefined && j.version !== JOB_MANIFEST_VERSION) {
    c.issue('version', `must be ${JOB_MANIFEST_VERSION}, got ${JSON.stringify(j.version)}`)
  }
  c.string(j.name, 'name', NAME, 'lowercase letters, digits and dashes (1 to 64)')
  if (c.string(j.description, 'description').length > 1000)
    c.issue('description', 'must be at most 1000 characters')
  c.number(j.seed, 'seed', { integer: true, min: 0, max: 0xffff_ffff })
  const model = readModel(c, j.model, 'model')
  const dataset = readDataset(c, j.dataset)
  readTraining(c, j.training)
  const outer = c.object(j.outer, 'outer', ['name', 'lr', 'momentum'])
  c.literal(outer.name, 'outer.name', ['nesterov'] as const)
  c.number(outer.lr, 'outer.lr', { min: 0, exclusiveMin: true, max: 10 })
  c.number(outer.momentum, 'outer.momentum', { min: 0, max: 0.999 })
  readAggregation(c, j.aggregation)
  readCompression(c, j.compression)
  readRewards(c, j.rewards)
  c.boolean(j.allowTestAttacks, 'allowTestAttacks')
  if (c.issues.length === 0) {
    const outputs = weightLayout(model).outputs
    if (outputs !== dataset.classes) {
      c.issue(
        'model.layers',
        `the model has ${outputs} outputs but the dataset has ${dataset.classes} classes`,
      )
    }
    if (dataset.sharding.shards > dataset.train.count) {
      c.issue('dataset.sharding.shards', `must be ≤ dataset.train.count (${dataset.train.count})`)
    }
  }
  return c.issues.length === 0
    ? { ok: true, value: raw as JobManifest }
    : { ok: false, reason: c.issues }
}

/** Validates a manifest and returns it typed, or throws `InvalidJobError` listing every issue. */
export function parseJob(raw: unknown): JobManifest {
  const result = validateJob(raw)
  if (!result.ok) throw new InvalidJobError(result.reason)
  return result.value
}

function readDataset(c: Checker, raw: unknown): DatasetSpec {
  const d = c.object(raw, 'dataset', ['name', 'format', 'classes', 'train', 'test', 'sharding'])
  const name = c.string(
    d.name,
    'dataset.name',
    NAME,
    'lowercase letters, digits and dashes (1 to 64)',
  )
  const format = c.literal(d.format, 'dataset.format', ['swarm-dataset-v1+gzip'] as const)
  const classes = c.number(d.classes, 'dataset.classes', {
    integer: true,
    min: 2,
    max: LIMITS.classes,
  })
  const train = readFile(c, d.train, 'dataset.train')
  const test = readFile(c, d.test, 'dataset.test')
  const s = c.object(d.sharding, 'dataset.sharding', ['rule', 'shards'])
  const rule = c.literal(s.rule, 'dataset.sharding.rule', ['sha256-node-height'] as const)
  const shards = c.number(s.shards, 'dataset.sharding.shards', { ...POS_INT, max: LIMITS.shards })
  return { name, format, classes, train, test, sharding: { rule, shards } }
}

function readFile(c: Checker, raw: unknown, path: string): DatasetFile {
  const f = c.object(raw, path, ['path', 'count', 'sha256'])
  return {
    path: c.string(f.path, `${path}.path`, REL_PATH, 'a relative path without ".." segments'),
    count: c.number(f.count, `${path}.count`, { ...POS_INT, max: LIMITS.examples }),
    sha256: c.string(f.sha256, `${path}.sha256`, HEX64, '64 lowercase hex characters'),
  }
}

function readTraining(c: Checker, raw: unknown): void {
  const keys: (keyof TrainingSpec)[] = ['innerSteps', 'roundBudgetMs', 'batchSize', 'optimizer']
  const t = c.object(raw, 'training', keys)
  c.number(t.innerSteps, 'training.innerSteps', { ...POS_INT, max: LIMITS.innerSteps })
  c.number(t.roundBudgetMs, 'training.roundBudgetMs', {
    integer: true,
    min: 100,
    max: LIMITS.roundBudgetMs,
  })
  c.number(t.batchSize, 'training.batchSize', { ...POS_INT, max: LIMITS.batchSize })
  const o = c.object(t.optimizer, 'training.optimizer', [
    'name',
    'lr',
    'beta1',
    'beta2',
    'epsilon',
    'weightDecay',
  ])
  c.literal(o.name, 'training.optimizer.name', ['adamw'] as const)
  c.number(o.lr, 'training.optimizer.lr', { min: 0, exclusiveMin: true, max: 1 })
  c.number(o.beta1, 'training.optimizer.beta1', { min: 0, max: 0.9999 })
  c.number(o.beta2, 'training.optimizer.beta2', { min: 0, max: 0.99999 })
  c.number(o.epsilon, 'training.optimizer.epsilon', { min: 0, exclusiveMin: true, max: 1 })
  c.number(o.weightDecay, 'training.optimizer.weightDecay', UNIT)
}

function readAggregation(c: Checker, raw: unknown): void {
  const rules: AggregationSpec['rule'][] = [
    'mean',
    'median',
    'trimmed-mean',
    'multi-krum',
    'centered-clip',
  ]
  const rule = c.literal((raw as { rule?: unknown } | null)?.rule, 'aggregation.rule', rules)
  const p = 'aggregation'
  if (rule === 'mean' || rule === 'median') c.object(raw, p, ['rule'])
  if (rule === 'trimmed-mean') {
    const a = c.object(raw, p, ['rule', 'beta'])
    c.number(a.beta, `${p}.beta`, { min: 0, max: 0.499 })
  }
  if (rule === 'multi-krum') {
    const a = c.object(raw, p, ['rule', 'f', 'm'])
    c.number(a.f, `${p}.f`, { integer: true, min: 0, max: 1000 })
    c.number(a.m, `${p}.m`, { ...POS_INT, max: 1000 })
  }
  if (rule === 'centered-clip') {
    const a = c.object(raw, p, ['rule', 'tau', 'iterations', 'bucketSize'])
    // 'auto' = the median distance to the current centre each iteration: no tuning to the size
    // of the updates (a fixed τ far above the honest ‖Δ‖ never clips and degrades to the mean).
    if (a.tau !== 'auto') c.number(a.tau, `${p}.tau`, { min: 0, exclusiveMin: true, max: 1e6 })
    c.number(a.iterations, `${p}.iterations`, { ...POS_INT, max: 100 })
    c.number(a.bucketSize, `${p}.bucketSize`, { ...POS_INT, max: 64 })
  }
}

function readCompression(c: Checker, raw: unknown): void {
  const kinds: CompressionSpec['kind'][] = ['none', 'int8', 'topk-int8']
  const kind = c.literal((raw as { kind?: unknown } | null)?.kind, 'compression.kind', kinds)
  if (kind === 'none') c.object(raw, 'compression', ['kind'])
  if (kind === 'int8' || kind === 'topk-int8') {
    const keys = kind === 'int8' ? ['kind', 'chunkSize'] : ['kind', 'chunkSize', 'density']
    const a = c.object(raw, 'compression', keys)
    c.number(a.chunkSize, 'compression.chunkSize', { ...POS_INT, max: LIMITS.chunkSize })
    if (kind === 'topk-int8')
      c.number(a.density, 'compression.density', { min: 0, exclusiveMin: true, max: 1 })
  }
}

function readRewards(c: Checker, raw: unknown): void {
  const keys: (keyof RewardSpec)[] = [
    'updateReward',
    'targetSamples',
    'proposerReward',
    'voterReward',
    'slashBps',
    'evictionHeights',
    'silentHeightsBeforeEviction',
  ]
  const r = c.object(raw, 'rewards', keys)
  for (const k of ['updateReward', 'proposerReward', 'voterReward'] as const) {
    c.string(r[k], `rewards.${k}`, MICRO_RUV, 'a decimal string of integer micro-rUv')
  }
  c.number(r.targetSamples, 'rewards.targetSamples', { ...POS_INT, max: LIMITS.examples })
  c.number(r.slashBps, 'rewards.slashBps', { integer: true, min: 0, max: 10_000 })
  c.number(r.evictionHeights, 'rewards.evictionHeights', { integer: true, min: 0, max: 1_000_000 })
  c.number(r.silentHeightsBeforeEviction, 'rewards.silentHeightsBeforeEviction', {
    ...POS_INT,
    max: 1_000_000,
  })
}
