/**
 * The z of "A Little Is Enough" (Baruch, Baruch, Goldberg, NeurIPS 2019, §3): with
 * s = ⌊n/2 + 1⌋ − f supporters needed, z = Φ⁻¹((n − s)/n), the largest shift (in standard
 * deviations per coordinate) that still looks like an honest update to a majority-based rule.
 */

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9), for 0 < p < 1. */
export function inverseNormalCdf(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ]
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ]
  const e = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0)
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return poly(c, q) / (poly(e, q) * q + 1)
  }
  if (p > 1 - low) return -inverseNormalCdf(1 - p)
  const q = p - 0.5
  const r = q * q
  return (poly(a, r) * q) / (poly(b, r) * r + 1)
}

/** The ALIE z for n workers of which f are Byzantine. */
export function alieZ(n: number, f: number): number {
  const s = Math.floor(n / 2 + 1) - f
  return inverseNormalCdf((n - s) / n)
}
