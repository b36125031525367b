/** Shared geometry of the dashboard's SVG plots. */

/** The plot area inside the SVG's viewBox. */
export const FRAME = { width: 320, height: 140, left: 44, right: 8, top: 8, bottom: 22 } as const

/** Inner width and height of the plot area. */
export const INNER = {
  width: FRAME.width - FRAME.left - FRAME.right,
  height: FRAME.height - FRAME.top - FRAME.bottom,
} as const

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
}

/** The [min, max] of the values, widened by `pad` of the span (never empty). */
export function extent(values: readonly number[], pad = 0.05): [number, number] {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return [0, 1]
  let lo = Math.min(...finite)
  let hi = Math.max(...finite)
  if (lo === hi) {
    lo -= Math.abs(lo) * 0.1 || 1
    hi += Math.abs(hi) * 0.1 || 1
  }
  const p = (hi - lo) * pad
  return [lo - p, hi + p]
}
