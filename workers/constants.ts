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

/** Fewest untimed steps before measuring (a first GPU step compiles shaders). */
export const PROBE_WARMUP_STEPS = 2

/**
 * Least time spent warming up: V8 first runs wasm on its baseline compiler and tiers hot code up
 * to the optimizing one in the background; measured cold, wasm looked 3× slower than it is.
 */
export const PROBE_WARMUP_MS = 500

/** Most untimed steps (a fast backend reaches `PROBE_WARMUP_MS` first). */
export const PROBE_WARMUP_MAX_STEPS = 60

/** Backends within this factor of the best are measured a second time (best of two kept). */
export const PROBE_CONTENDER_FACTOR = 1.5

/** Most timed steps per backend. */
export const PROBE_MAX_STEPS = 30

/** Most steps per timed group (three groups fit in `PROBE_MAX_STEPS`). */
export const PROBE_GROUP_MAX_STEPS = 10

/** Timed groups per backend at least (a group is one read-back, as in the real loop). */
export const PROBE_MIN_GROUPS = 2

/** Stop timing a backend once its timed steps took this long. */
export const PROBE_MEASURE_BUDGET_MS = 1_500

/**
 * A backend whose first step is this many times slower than the best median so far, and over
 * `PROBE_ABANDON_FIRST_FLOOR_MS`, is not worth finishing (a first GPU step compiles its shaders,
 * which takes a second or two even on a fast GPU, hence the high floor)...
 */
export const PROBE_ABANDON_FIRST_FACTOR = 20
export const PROBE_ABANDON_FIRST_FLOOR_MS = 5_000

/** ...nor one whose later steps are this many times slower and over the floor (it cannot win). */
export const PROBE_ABANDON_FACTOR = 5
export const PROBE_ABANDON_FLOOR_MS = 200

/** A WebGPU fallback adapter is chosen only if its step takes at most this share of the best. */
export const FALLBACK_ADAPTER_MARGIN = 0.9

/**
 * Default number of steps per group: one loss read-back (a GPU sync) and one yield to the event
 * loop per group. Each yield can cost an OS wake-up on a busy machine, so groups are not tiny.
 */
export const DEFAULT_PROGRESS_EVERY = 20

/** Progress is reported after a group when at least this long passed since the last report. */
export const PROGRESS_MIN_INTERVAL_MS = 200

/** Sync and yield to the event loop at least this often, so pause/abort messages get through. */
export const MAX_GROUP_MS = 150

/** `firstLoss` and `lastLoss` average the first and last quarter of a round, at most this many steps. */
export const LOSS_WINDOW_STEPS = 10

/** Test examples per evaluation batch. */
export const EVAL_BATCH = 500

/** Kernels a layer type needs for training, checked against each backend's kernel registry. */
export const TRAINING_KERNELS: Readonly<Record<string, readonly string[]>> = {
  dense: ['_FusedMatMul', 'BatchMatMul'],
  conv2d: ['FusedConv2D', 'Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'],
  maxPool2d: ['MaxPool', 'MaxPoolGrad'],
  flatten: ['Reshape'],
}

/**
 * The Cache API cache that holds the downloaded datasets: written by the trainer worker, read by
 * it and by the service worker's runtime route for `/data/*.gz` (see `data/cached-bytes.ts`).
 * A new name would orphan the old copies, so it changes only with the caching scheme.
 */
export const DATA_CACHE_NAME = 'swarm-datasets-v1'
