/**
 * Checking and applying blocks: a block is checked against S_{h−1}, the payloads it names are
 * fetched where missing, and the transition computes S_h. A block checked (or built) at this
 * height keeps its result, so applying it once certified costs nothing more.
 */
import type { AppContext } from '../node/application.ts'
import { yieldTo } from '../node/clock.ts'
import { decodeVector } from '../training/compress/index.ts'
import type { HashHex, Result } from '../types/index.ts'
import { blockHash, decodeBlock, type Block } from './block.ts'
import type { PayloadStore } from './payload-store.ts'
import type { StateHashes } from './state.ts'
import { transition, type IncludedUpdate, type TransitionResult } from './transition.ts'
import type { ChainParams, DilocoState } from './types.ts'
import { checkBlock } from './verify.ts'

/** A block checked here, with the transition it gives. */
export interface Executed {
  readonly block: Block
  readonly result: TransitionResult
}

/** Computes transitions and remembers those of the current height by block hash. */
export class BlockExecutor {
  readonly #p: ChainParams
  readonly #payloads: PayloadStore
  readonly #hashes: StateHashes
  readonly #next = new Map<HashHex, TransitionResult>()

  constructor(params: ChainParams, payloads: PayloadStore, hashes: StateHashes) {
    this.#p = params
    this.#payloads = payloads
    this.#hashes = hashes
  }

  /** Forgets the previous height's results. */
  clear(): void {
    this.#next.clear()
  }

  /** Keeps the result of the block of hash `hash` (one this node built). */
  remember(hash: HashHex, result: TransitionResult): void {
    this.#next.set(hash, result)
  }

  /**
   * Checks a proposed block on `s`: it decodes, passes `checkBlock`, its payloads are here or
   * fetched, and the state it names is the one we compute. Returns the computed transition.
   */
  async validate(s: DilocoState, bytes: Uint8Array, ctx: AppContext): Promise<Result<Executed>> {
    const b = decodeBlock(bytes)
    if (!b.ok) return b
    const hash = blockHash(bytes)
    const result = await this.compute(s, b.value, hash, ctx)
    if (!result.ok) return result
    const next = this.#hashes.of(result.value.state)
    // The vote that follows is signed in a task of its own.
    await yieldTo(ctx.clock)
    if (next !== b.value.next) return { ok: false, reason: 'next state hash differs from ours' }
    this.#next.set(hash, result.value)
    return { ok: true, value: { block: b.value, result: result.value } }
  }

  /**
   * The transition of a certified block on `s`: the one remembered when it was checked here, or
   * computed now (a node that synced it). The state it returns carries the block's hash.
   */
  async apply(
    s: DilocoState,
    bytes: Uint8Array,
    ctx: AppContext,
  ): Promise<Result<Executed & { readonly next: DilocoState }>> {
    // Hash the block as the proposer built it, with `next` filled in (the cache key).
    const hash = blockHash(bytes)
    const b = decodeBlock(bytes)
    if (!b.ok) return b
    let result = this.#next.get(hash)
    if (result === undefined) {
      const computed = await this.compute(s, b.value, hash, ctx)
      if (!computed.ok) return computed
      result = computed.value
    }
    const next = { ...result.state, blockHash: hash }
    // The state hash leaves the block hash out: `next` hashes like the computed state, which
    // validation already hashed (1 MB+ of weights), so carry it over instead of hashing again.
    this.#hashes.set(next, this.#hashes.of(result.state))
    return { ok: true, value: { block: b.value, result, next } }
  }

  /**
   * Checks `b` against `s` and computes the transition (fetching payloads it lacks). `hash` is
   * the block's hash; a proposer's draft has none yet, and `apply` sets the final one (the
   * state hash leaves it out, so the draft's `next` is unaffected).
   */
  async compute(
    s: DilocoState,
    b: Block,
    hash: HashHex,
    ctx: AppContext,
  ): Promise<Result<TransitionResult>> {
    const checked = checkBlock(b, s, this.#hashes.of(s), this.#p)
    if (!checked.ok) return checked
    await yieldTo(ctx.clock)
    const proposerPeer = s.members.find((m) => m.node === b.proposer)?.peer
    const updates: IncludedUpdate[] = []
    for (const m of checked.value.updates) {
      const author = s.members.find((x) => x.node === m.node)?.peer
      if (!(await this.#payloads.fetch(m, [author, proposerPeer], ctx)))
        return { ok: false, reason: `payload of ${m.node.slice(0, 8)} unavailable` }
      const bytes = this.#payloads.get(m.payloadHash) as Uint8Array
      const v = decodeVector(bytes, { dimension: this.#p.dimension })
      if (!v.ok)
        return { ok: false, reason: `payload of ${m.node.slice(0, 8)}: ${v.reason.detail}` }
      updates.push({ node: m.node, samples: m.samples, vector: v.value.vector })
      await yieldTo(ctx.clock)
    }
    try {
      return transition(s, this.#p, {
        blockHash: hash,
        proposer: b.proposer,
        updates,
        joins: checked.value.joins,
        leaves: checked.value.leaves,
        slashed: checked.value.slashed,
        transfers: checked.value.transfers,
        voters: checked.value.voters,
      })
    } catch (err) {
      return { ok: false, reason: `transition: ${(err as Error).message}` }
    }
  }
}
