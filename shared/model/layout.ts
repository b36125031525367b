/**
 * The flat weight layout: where each tensor of a model lives in one `Float32Array`.
 *
 * @remarks
 * Layout version 1 (`WEIGHT_LAYOUT_VERSION`). Tensors appear in layer order; for each layer with
 * parameters, its kernel then its bias. Each tensor is stored row-major (last index fastest) in
 * the shape TensorFlow and tfjs use:
 * - dense kernel `[inputs, units]` (element `[i, j]` at `offset + i·units + j`), bias `[units]`;
 * - conv2d kernel `[kernelSize, kernelSize, inChannels, filters]` (HWIO), bias `[filters]`.
 * Activations are NHWC and `flatten` keeps (H, W, C) row-major order, so the layout is exactly
 * what `tf.tensor(flat.subarray(offset, offset + size), shape)` expects. `shared/` aggregates and
 * steps these vectors without knowing the shapes; only the trainer reshapes them.
 */
import type { Issue } from './issues.ts'
import type { LayerSpec, ModelSpec } from './spec.ts'
import { MAX_PARAMS, WEIGHT_LAYOUT_VERSION } from './constants.ts'
import type { Result } from '../types/index.ts'

/** One tensor's place in the flat vector. */
export interface TensorSlot {
  /** Stable name, e.g. `layers.1.dense.kernel`. */
  readonly name: string
  /** Index of the layer in `ModelSpec.layers`. */
  readonly layer: number
  readonly role: 'kernel' | 'bias'
  readonly shape: readonly number[]
  readonly offset: number
  readonly size: number
  /** Glorot fan-in and fan-out (Keras convention: receptive field × channels). */
  readonly fanIn: number
  readonly fanOut: number
}

/** The layout of a model's weights and its output size. */
export interface WeightLayout {
  readonly version: number
  readonly tensors: readonly TensorSlot[]
  readonly paramCount: number
  /** Number of logits the model produces. */
  readonly outputs: number
}

type Shape = { kind: 'image'; h: number; w: number; c: number } | { kind: 'flat'; n: number }

const positiveInt = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0

/** Computes the layout of a model, or the issues that make the spec unusable. */
export function planModel(spec: ModelSpec, path = 'model'): Result<WeightLayout, Issue[]> {
  const issues: Issue[] = []
  const [h, w, c] = spec.input
  if (![h, w, c].every(positiveInt)) {
    return {
      ok: false,
      reason: [{ path: `${path}.input`, message: 'must be 3 positive integers' }],
    }
  }
  let shape = { kind: 'image', h, w, c } as Shape
  const tensors: TensorSlot[] = []
  let offset = 0
  const add = (
    layer: number,
    type: string,
    role: 'kernel' | 'bias',
    dims: number[],
    fan: [number, number],
  ): void => {
    const size = dims.reduce((a, b) => a * b, 1)
    tensors.push({
      name: `layers.${layer}.${type}.${role}`,
      layer,
      role,
      shape: dims,
      offset,
      size,
      fanIn: fan[0],
      fanOut: fan[1],
    })
    offset += size
  }
  for (const [i, layer] of spec.layers.entries()) {
    const next = step(layer, shape, `${path}.layers[${i}]`, issues)
    if (next === undefined) break
    if (layer.type === 'dense' && shape.kind === 'flat') {
      add(i, 'dense', 'kernel', [shape.n, layer.units], [shape.n, layer.units])
      add(i, 'dense', 'bias', [layer.units], [shape.n, layer.units])
    } else if (layer.type === 'conv2d' && shape.kind === 'image') {
      const k = layer.kernelSize
      const fan: [number, number] = [k * k * shape.c, k * k * layer.filters]
      add(i, 'conv2d', 'kernel', [k, k, shape.c, layer.filters], fan)
      add(i, 'conv2d', 'bias', [layer.filters], fan)
    }
    shape = next
  }
  if (issues.length > 0) return { ok: false, reason: issues }
  const last = spec.layers[spec.layers.length - 1]
  if (shape.kind !== 'flat' || last?.type !== 'dense') {
    return {
      ok: false,
      reason: [{ path: `${path}.layers`, message: 'must end with a dense layer (the logits)' }],
    }
  }
  if (last.activation !== 'linear') {
    const at = `${path}.layers[${spec.layers.length - 1}].activation`
    return { ok: false, reason: [{ path: at, message: "the logits layer must be 'linear'" }] }
  }
  if (offset > MAX_PARAMS) {
    return {
      ok: false,
      reason: [{ path, message: `has ${offset} parameters, more than ${MAX_PARAMS}` }],
    }
  }
  return {
    ok: true,
    value: { version: WEIGHT_LAYOUT_VERSION, tensors, paramCount: offset, outputs: shape.n },
  }
}

/** The shape after one layer, or undefined with an issue recorded. */
function step(layer: LayerSpec, shape: Shape, at: string, issues: Issue[]): Shape | undefined {
  const fail = (message: string): undefined => {
    issues.push({ path: at, message })
    return undefined
  }
  switch (layer.type) {
    case 'dense':
      return shape.kind === 'flat'
        ? { kind: 'flat', n: layer.units }
        : fail('dense needs a flat input: add a flatten layer before it')
    case 'flatten':
      return shape.kind === 'image'
        ? { kind: 'flat', n: shape.h * shape.w * shape.c }
        : fail('input is already flat')
    case 'conv2d': {
      if (shape.kind !== 'image') return fail('conv2d needs an image input (it follows a flatten)')
      if (layer.padding === 'same')
        return { kind: 'image', h: shape.h, w: shape.w, c: layer.filters }
      const h = shape.h - layer.kernelSize + 1
      const w = shape.w - layer.kernelSize + 1
      return h > 0 && w > 0
        ? { kind: 'image', h, w, c: layer.filters }
        : fail(`kernel ${layer.kernelSize} is larger than the ${shape.h}×${shape.w} input`)
    }
    case 'maxPool2d': {
      if (shape.kind !== 'image')
        return fail('maxPool2d needs an image input (it follows a flatten)')
      const h = Math.floor(shape.h / layer.poolSize)
      const w = Math.floor(shape.w / layer.poolSize)
      return h > 0 && w > 0
        ? { kind: 'image', h, w, c: shape.c }
        : fail(`pool ${layer.poolSize} is larger than the ${shape.h}×${shape.w} input`)
    }
  }
}

/** The layout of a spec already known to be valid; throws with the issues otherwise. */
export function weightLayout(spec: ModelSpec): WeightLayout {
  const plan = planModel(spec)
  if (!plan.ok) throw new RangeError(plan.reason.map((i) => `${i.path}: ${i.message}`).join('; '))
  return plan.value
}
