/**
 * Which part of the training set a node trains on at a height (rule `sha256-node-height`).
 *
 * @remarks
 * The training indices are permuted once per job (Fisher–Yates with xoshiro128** seeded by the
 * job seed) and cut into `shards` contiguous parts of equal size (±1): part k is
 * `perm[⌊k·N/S⌋ .. ⌊(k+1)·N/S⌋)`. At height h, node n takes part
 * `u32be(d[0..4]) mod S` where `d = SHA-256(utf8("swarm-shard/v1|" + seed + "|" + n + "|" + h))`,
 * and visits its examples in an order shuffled by a generator seeded with `u32be(d[4..8])`,
 * wrapping around if the round needs more. Anyone can recompute what a node should have seen,
 * nodes rotate over the data from height to height, and no coordination is needed.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { createPrng, shuffleInPlace } from '../model/index.ts'
import { SHARD_HASH_DOMAIN } from './constants.ts'

/** A node's shard at one height. */
export interface ShardChoice {
  /** Index of the part, in [0, count). */
  readonly index: number
  readonly count: number
  /** Seed of the order the node visits the part's examples in. */
  readonly orderSeed: number
}

const u32be = (d: Uint8Array, at: number): number =>
  (((d[at] as number) << 24) |
    ((d[at + 1] as number) << 16) |
    ((d[at + 2] as number) << 8) |
    (d[at + 3] as number)) >>>
  0

/** Chooses the shard of `nodeId` at `height` for a job with `seed` and `shards` parts. */
export function chooseShard(
  seed: number,
  shards: number,
  nodeId: string,
  height: number,
): ShardChoice {
  const d = sha256(utf8ToBytes(`${SHARD_HASH_DOMAIN}|${seed}|${nodeId}|${height}`))
  return { index: u32be(d, 0) % shards, count: shards, orderSeed: u32be(d, 4) }
}

/** The job-wide permutation of `count` training indices. */
export function trainPermutation(count: number, seed: number): Uint32Array {
  const perm = new Uint32Array(count)
  for (let i = 0; i < count; i++) perm[i] = i
  return shuffleInPlace(perm, createPrng(seed))
}

/** Bounds `[start, end)` of part `index` of `shards` over `count` items. */
export function shardBounds(
  count: number,
  shards: number,
  index: number,
): { start: number; end: number } {
  return {
    start: Math.floor((index * count) / shards),
    end: Math.floor(((index + 1) * count) / shards),
  }
}

/** The example indices of a shard in the order a node visits them this round. */
export function shardOrder(permutation: Uint32Array, choice: ShardChoice): Uint32Array {
  const { start, end } = shardBounds(permutation.length, choice.count, choice.index)
  return shuffleInPlace(permutation.slice(start, end), createPrng(choice.orderSeed))
}
