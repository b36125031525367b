import { describe, expect, it } from 'vitest'
import {
  chooseShard,
  shardBounds,
  shardOrder,
  trainPermutation,
} from '../../../shared/job/index.ts'

const NODE_A = 'a'.repeat(64)
const NODE_B = 'b'.repeat(64)

describe('chooseShard', () => {
  it('is a pure function of seed, node and height', () => {
    expect(chooseShard(7, 8, NODE_A, 3)).toEqual(chooseShard(7, 8, NODE_A, 3))
  })

  it('keeps its golden value (the rule is part of the protocol)', () => {
    expect(chooseShard(3141592653, 8, NODE_A, 1)).toMatchInlineSnapshot(`
      {
        "count": 8,
        "index": 0,
        "orderSeed": 3983272826,
      }
    `)
  })

  it('rotates a node over the shards as the height grows', () => {
    const seen = new Set<number>()
    for (let h = 1; h <= 64; h++) seen.add(chooseShard(7, 8, NODE_A, h).index)
    expect(seen.size).toBe(8)
  })

  it('gives different nodes different orders at the same height', () => {
    expect(chooseShard(7, 8, NODE_A, 5).orderSeed).not.toBe(chooseShard(7, 8, NODE_B, 5).orderSeed)
  })
})

describe('shardBounds', () => {
  it('cuts the data into contiguous parts that cover it exactly', () => {
    let next = 0
    for (let k = 0; k < 7; k++) {
      const { start, end } = shardBounds(100, 7, k)
      expect(start).toBe(next)
      expect(end - start === 14 || end - start === 15).toBe(true)
      next = end
    }
    expect(next).toBe(100)
  })
})

describe('shardOrder', () => {
  it('visits exactly the shard’s examples, shuffled', () => {
    const perm = trainPermutation(1000, 1)
    const choice = { index: 2, count: 4, orderSeed: 99 }
    const order = shardOrder(perm, choice)
    expect([...order].sort((a, b) => a - b)).toEqual(
      [...perm.slice(500, 750)].sort((a, b) => a - b),
    )
    expect([...order]).not.toEqual([...perm.slice(500, 750)])
  })
})
