/**
 * IEEE 754 binary16 by hand (no reliance on `Float16Array`, which not every engine has):
 * float32 → half with round-to-nearest-even, saturating at ±65504; half → float32 exactly.
 */
const F32 = new Float32Array(1)
const U32 = new Uint32Array(F32.buffer)
const MAX_HALF_BITS = 0x7bff // 65504, F16_MAX
const EXP_MASK = 0x7c00

/** The half bits nearest to `value` (ties to even); finite inputs beyond ±65504 saturate. */
export function toHalfBits(value: number): number {
  F32[0] = value
  const x = U32[0] ?? 0
  const sign = (x >>> 16) & 0x8000
  const exp = (x >>> 23) & 0xff
  const mant = x & 0x7fffff
  const e = exp - 112 // rebias 127 → 15
  if (exp === 0xff) return mant === 0 ? sign | MAX_HALF_BITS : sign | 0x7e00
  if (e >= 0x1f) return sign | MAX_HALF_BITS
  if (e <= 0) {
    if (e < -10) return sign // below half the smallest subnormal: ±0
    const full = mant | 0x800000
    const shift = 14 - e
    let half = full >>> shift
    const rest = full & ((1 << shift) - 1)
    const halfway = 1 << (shift - 1)
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++
    return sign | half // a carry lands on the smallest normal, which is correct
  }
  let half = sign | (e << 10) | (mant >>> 13)
  const rest = mant & 0x1fff
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++
  return (half & 0x7fff) >= EXP_MASK ? sign | MAX_HALF_BITS : half
}

let table: Float32Array | undefined

/** float32 value of every half bit pattern (NaN for the ∞/NaN patterns, which decoders refuse). */
export function halfTable(): Float32Array {
  if (table !== undefined) return table
  const out = new Float32Array(65_536)
  const bits = new Uint32Array(out.buffer)
  for (let h = 0; h < 65_536; h++) {
    const sign = (h & 0x8000) << 16
    const exp = (h >>> 10) & 0x1f
    const mant = h & 0x3ff
    if (exp === 0x1f) bits[h] = 0x7fc00000
    else if (exp === 0)
      out[h] = (sign === 0 ? 1 : -1) * mant * 5.960464477539063e-8 // 2^-24
    else bits[h] = sign | ((exp + 112) << 23) | (mant << 13)
  }
  table = out
  return out
}

/** Whether half bits encode ∞ or NaN. */
export function isHalfNonFinite(bits: number): boolean {
  return (bits & EXP_MASK) === EXP_MASK
}
