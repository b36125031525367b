/**
 * Block assembly at the proposer: wait for this height's updates (with the straggler grace once a
 * quorum is in), then draft a block of the updates whose payloads are here and the pending
 * items of the mempool, and compute the state it leads to.
 */
import { encodeCertificate, quorum } from '../consensus/index.ts'
import type { AppContext } from '../node/application.ts'
import { yieldTo } from '../node/clock.ts'
import type { HashHex, Height, NodeId, Result } from '../types/index.ts'
import { blockHash, encodeBlock, type Block } from './block.ts'
import type { BlockExecutor } from './execution.ts'
import type { Mempool } from './mempool.ts'
import type { PayloadStore } from './payload-store.ts'
import type { StateHashes } from './state.ts'
import type { TransitionResult } from './transition.ts'
import type { ChainParams, DilocoState } from './types.ts'
import { byNode, type HeightUpdates } from './updates.ts'
import { checkBlock, keysOf } from './verify.ts'

/** After a quorum of updates, the proposer waits this share of the round budget for the rest… */
const STRAGGLER_GRACE = 0.1
/** …and never less than this (messaging and payload fetches on a loaded machine). */
const MIN_STRAGGLER_GRACE_MS = 500

/** The parts of the app a proposer reads. */
export interface ProposerInit {
  readonly params: ChainParams
  readonly self: NodeId
  readonly updates: HeightUpdates
  readonly payloads: PayloadStore
  readonly mempool: Mempool
  readonly executor: BlockExecutor
  readonly hashes: StateHashes
}

/** A block this node built, its hash and the transition it gives. */
export interface Proposal {
  readonly bytes: Uint8Array
  readonly hash: HashHex
  readonly result: TransitionResult
}

/** Builds this node's block proposals. */
export class Proposer {
  readonly #i: ProposerInit

  constructor(init: ProposerInit) {
    this.#i = init
  }

  /**
   * Waits for every member's update and payload, until `collectMs` from the height's start
   * (`startedAt`); or, once a quorum of them is here, a grace period for the rest. Rounds end at
   * the same time (they are bound by the round budget), so an update still missing then is a
   * member that paused, left or is far slower, and every other member would otherwise idle
   * waiting for it. Which valid updates a block carries is the proposer's choice: no rule of the
   * chain changes.
   */
  async #collect(s: DilocoState, ctx: AppContext, startedAt: number): Promise<void> {
    const { params: p, updates, payloads } = this.#i
    const full = startedAt + p.collectMs
    const budget = p.roundBudgetMs
    const grace =
      budget === undefined ? undefined : Math.max(MIN_STRAGGLER_GRACE_MS, budget * STRAGGLER_GRACE)
    const needed = quorum(s.members.length)
    let quorumAt: number | undefined
    const arrived = () =>
      s.members.filter((m) => {
        const h = updates.get(m.node)
        return h !== undefined && payloads.has(h.message.payloadHash)
      }).length
    const ready = () => {
      const n = arrived()
      if (n >= needed) quorumAt ??= ctx.clock.now()
      return n === s.members.length
    }
    const deadline = () =>
      quorumAt === undefined || grace === undefined ? full : Math.min(full, quorumAt + grace)
    while (!ready() && ctx.clock.now() < deadline() && !ctx.signal.aborted)
      await updates.sleep(ctx.clock, Math.max(1, deadline() - ctx.clock.now()))
    updates.stopWaiting()
  }

  /** The block of height `s.height + 1` without its `next` state hash. */
  #draft(s: DilocoState, ctx: AppContext): Block {
    const { params: p, updates, payloads } = this.#i
    const base = this.#i.hashes.of(s)
    const included = updates
      .values()
      .filter((h) => payloads.has(h.message.payloadHash))
      .sort((a, b) => byNode(a.message, b.message))
      .slice(0, p.maxUpdates)
    const h = (s.height + 1) as Height
    const pending = this.#i.mempool.pick(s, h, keysOf(s))
    const draft: Block = {
      height: h,
      prev: s.blockHash,
      proposer: this.#i.self,
      base,
      updates: included.map((u) => u.envelope),
      ...pending,
      lastCommit:
        ctx.lastCertificate === undefined
          ? new Uint8Array(0)
          : encodeCertificate(ctx.lastCertificate),
      next: '0'.repeat(64) as HashHex,
    }
    // Should an item still fail (a bug), propose the updates alone rather than nothing.
    return checkBlock(draft, s, base, p).ok
      ? draft
      : { ...draft, evidence: [], transfers: [], joins: [], leaves: [] }
  }

  /** Collects, drafts and computes this node's block for the height after `s`. */
  async propose(s: DilocoState, ctx: AppContext, startedAt: number): Promise<Result<Proposal>> {
    await this.#collect(s, ctx, startedAt)
    const safe = this.#draft(s, ctx)
    const result = await this.#i.executor.compute(s, safe, s.blockHash, ctx)
    if (!result.ok) return result
    const next = this.#i.hashes.of(result.value.state)
    await yieldTo(ctx.clock)
    const bytes = encodeBlock({ ...safe, next })
    const hash = blockHash(bytes)
    this.#i.executor.remember(hash, result.value)
    return { ok: true, value: { bytes, hash, result: result.value } }
  }
}
