/** Filling batch buffers from a uint8 dataset: pixels scaled to [0, 1], labels one-hot. */
import type { DecodedDataset } from '../../shared/job/index.ts'

const INV_255 = 1 / 255

/** Reusable host-side buffers for one batch. */
export interface BatchBuffers {
  readonly x: Float32Array
  readonly y: Float32Array
  readonly size: number
}

/** Allocates buffers for `size` examples of `pixels` values and `classes` labels. */
export function createBatchBuffers(size: number, pixels: number, classes: number): BatchBuffers {
  return { x: new Float32Array(size * pixels), y: new Float32Array(size * classes), size }
}

/**
 * Fills `buf` with the examples `order[(cursor + i) mod order.length]` for i in [0, buf.size).
 * `flipLabels` maps label c to `classes − 1 − c` (the label-flip test attack).
 */
export function fillBatch(
  data: DecodedDataset,
  order: Uint32Array,
  cursor: number,
  buf: BatchBuffers,
  flipLabels = false,
): void {
  const { rows, cols, channels, classes } = data.header
  const pixels = rows * cols * channels
  buf.y.fill(0)
  for (let i = 0; i < buf.size; i++) {
    const example = order[(cursor + i) % order.length] as number
    const src = example * pixels
    const dst = i * pixels
    for (let p = 0; p < pixels; p++) buf.x[dst + p] = (data.pixels[src + p] as number) * INV_255
    const label = data.labels[example] as number
    buf.y[i * classes + (flipLabels ? classes - 1 - label : label)] = 1
  }
}
