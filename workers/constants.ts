/** Tunables of the trainer worker. */
import type { BackendName } from '../shared/trainer/index.ts'

/**
 * Order in which backends are measured: the cheap-to-start CPU-side ones first, so a slow GPU
 * path (a SwiftShader fallback adapter takes ~150 ms a step, notes/probe-browser.md) can be
 * abandoned early against a known-good time.
 */
export const BACKEND_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu']

/** Longest wait for `tf.setBackend` (threaded wasm is known to hang forever). */
export const SET_BACKEND_TIMEOUT_MS = 15_000

/** Untimed steps before measuring (shader compilation, wasm warm-up). */
export const PROBE_WARMUP_STEPS = 2

/** Most timed steps per backend. */
export const PROBE_MAX_STEPS = 15

/** Fewest timed steps per backend, unless a step is already too slow to matter. */
export const PROBE_MIN_STEPS = 3

/** Stop timing a backend once its timed steps took this long. */
export const PROBE_MEASURE_BUDGET_MS = 1_500

/** A backend whose step is this many times slower than the best so far is abandoned... */
export const PROBE_ABANDON_FACTOR = 20

/** ...provided that step also took at least this long (a first GPU step compiles shaders). */
export const PROBE_ABANDON_FLOOR_MS = 2_000

/** A WebGPU fallback adapter is chosen only if its step takes at most this share of the best. */
export const FALLBACK_ADAPTER_MARGIN = 0.9

/** Default number of steps between progress reports (and GPU syncs). */
export const DEFAULT_PROGRESS_EVERY = 5

/** Sync and yield to the event loop at least this often, so pause/abort messages get through. */
export const MAX_GROUP_MS = 100

/** Test examples per evaluation batch. */
export const EVAL_BATCH = 500

/** Kernels a layer type needs for training, checked against each backend's kernel registry. */
export const TRAINING_KERNELS: Readonly<Record<string, readonly string[]>> = {
  dense: ['_FusedMatMul', 'BatchMatMul'],
  conv2d: ['FusedConv2D', 'Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'],
  maxPool2d: ['MaxPool', 'MaxPoolGrad'],
  flatten: ['Reshape'],
}
