/** Validation of the `model` section of a job manifest: field types first, then shapes. */
import { planModel } from '../model/index.ts'
import type { LayerSpec, ModelSpec } from '../model/index.ts'
import type { Checker } from './check.ts'
import { LIMITS } from './constants.ts'

const ACTIVATIONS = ['relu', 'linear'] as const
const LAYER_TYPES = ['dense', 'conv2d', 'maxPool2d', 'flatten'] as const

/** Reads a model spec, recording issues; returns the spec and its parameter count when valid. */
export function readModel(check: Checker, raw: unknown, path: string): ModelSpec {
  const m = check.object(raw, path, ['input', 'layers', 'loss'])
  const before = check.issues.length
  const input = check.array(m.input, `${path}.input`, 3, 3).map((v, i) =>
    check.number(v, `${path}.input[${i}]`, {
      integer: true,
      min: 1,
      max: i === 2 ? LIMITS.channels : LIMITS.inputSide,
    }),
  ) as unknown as ModelSpec['input']
  const layers = check
    .array(m.layers, `${path}.layers`, 1, LIMITS.layers)
    .map((layer, i) => readLayer(check, layer, `${path}.layers[${i}]`))
  const loss = check.literal(m.loss, `${path}.loss`, ['softmax-cross-entropy'] as const)
  const spec: ModelSpec = { input, layers, loss }
  if (check.issues.length === before) {
    const plan = planModel(spec, path)
    if (!plan.ok) for (const issue of plan.reason) check.issue(issue.path, issue.message)
  }
  return spec
}

function readLayer(check: Checker, raw: unknown, path: string): LayerSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    check.object(raw, path, [])
    return { type: 'flatten' }
  }
  const type = check.literal((raw as { type?: unknown }).type, `${path}.type`, LAYER_TYPES)
  switch (type) {
    case 'dense': {
      const l = check.object(raw, path, ['type', 'units', 'activation'])
      return {
        type,
        units: check.number(l.units, `${path}.units`, { integer: true, min: 1, max: LIMITS.units }),
        activation: check.literal(l.activation, `${path}.activation`, ACTIVATIONS),
      }
    }
    case 'conv2d': {
      const l = check.object(raw, path, ['type', 'filters', 'kernelSize', 'padding', 'activation'])
      return {
        type,
        filters: check.number(l.filters, `${path}.filters`, {
          integer: true,
          min: 1,
          max: LIMITS.filters,
        }),
        kernelSize: check.number(l.kernelSize, `${path}.kernelSize`, {
          integer: true,
          min: 1,
          max: LIMITS.kernelSize,
        }),
        padding: check.literal(l.padding, `${path}.padding`, ['same', 'valid'] as const),
        activation: check.literal(l.activation, `${path}.activation`, ACTIVATIONS),
      }
    }
    case 'maxPool2d': {
      const l = check.object(raw, path, ['type', 'poolSize'])
      return {
        type,
        poolSize: check.number(l.poolSize, `${path}.poolSize`, {
          integer: true,
          min: 1,
          max: LIMITS.poolSize,
        }),
      }
    }
    case 'flatten':
      check.object(raw, path, ['type'])
      return { type }
  }
}
