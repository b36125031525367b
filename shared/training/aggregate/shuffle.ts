/**
 * A seeded permutation for bucketing, the same on every node: Fisher–Yates driven by the stream
 * SHA-256(seed ‖ counter), with rejection sampling so every permutation is equally likely. The
 * seed should be fixed only after the updates are (e.g. the previous block hash and the height),
 * so no sender can aim for a bucket.
 */
import { sha256 } from '@noble/hashes/sha2.js'

/** A permutation of 0 … n − 1 drawn from `seed`. */
export function seededPermutation(n: number, seed: Uint8Array): number[] {
  const order = [...Array(n).keys()]
  let counter = 0
  let block = new Uint8Array(0)
  let at = 32
  const nextU32 = (): number => {
    if (at + 4 > block.length) {
      const input = new Uint8Array(seed.length + 4)
      input.set(seed, 0)
      new DataView(input.buffer).setUint32(seed.length, counter++, true)
      block = sha256(input)
      at = 0
    }
    const v =
      ((block[at] ?? 0) | ((block[at + 1] ?? 0) << 8) | ((block[at + 2] ?? 0) << 16)) +
      (block[at + 3] ?? 0) * 0x1000000
    at += 4
    return v
  }
  for (let i = n - 1; i > 0; i--) {
    const bound = i + 1
    const limit = 0x100000000 - (0x100000000 % bound)
    let r = nextU32()
    while (r >= limit) r = nextU32()
    const j = r % bound
    const tmp = order[i] as number
    order[i] = order[j] as number
    order[j] = tmp
  }
  return order
}
