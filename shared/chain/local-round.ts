/**
 * This node's own round of each height: train from θ_{h−1}, encode and sign the update, keep its
 * payload and publish its header. It also trains ahead (see {@link LocalRound}).
 */
import { equalBytes, sha256Hex, type Identity } from '../crypto/index.ts'
import type { AppContext } from '../node/application.ts'
import { Cancel } from '../node/cancel.ts'
import { yieldTo } from '../node/clock.ts'
import { coreCodec, sealMessage, updateMessage } from '../protocol/index.ts'
import { encodeVector } from '../training/compress/index.ts'
import type { AbortSignalLike, Height } from '../types/index.ts'
import { attackView, type UpdateAttack } from './attack.ts'
import { isMember } from './members.ts'
import type { PayloadStore } from './payload-store.ts'
import type { StateHashes } from './state.ts'
import type { AppStats } from './stats.ts'
import type { ChainParams, DilocoState } from './types.ts'
import type { HeightUpdates } from './updates.ts'

/** What the app asks of the local trainer. */
export interface LocalTrainer {
  train(
    weights: Float32Array,
    height: Height,
    signal: AbortSignalLike,
    /** Wall-clock budget of this round, when the chain sets one (else the trainer's default). */
    budgetMs?: number,
  ): Promise<{ delta: Float32Array; samples: number; loss: number }>
}

/** What a local round works with (the app's parts it shares). */
export interface LocalRoundInit {
  readonly params: ChainParams
  readonly identity: Identity
  readonly trainer?: LocalTrainer
  readonly attack?: UpdateAttack
  readonly trainAhead?: boolean
  readonly stats: AppStats
  readonly payloads: PayloadStore
  readonly updates: HeightUpdates
  readonly hashes: StateHashes
  readonly reject: (reason: string) => void
}

type TrainResult = Awaited<ReturnType<LocalTrainer['train']>>

/** Training for the next height, started on a checked block's state before its certificate. */
interface Ahead {
  /** The weights it trains from (a round depends on θ, the height and the node only). */
  readonly weights: Float32Array
  readonly height: Height
  readonly began: number
  readonly cancel: Cancel
  readonly result: Promise<TrainResult>
}

/** A round trained ahead keeps at least this share of the budget (a block checked very late). */
const MIN_AHEAD_BUDGET = 0.5

/**
 * Whether two float vectors hold the same bits. θ of the applied state is the very array the
 * round was trained ahead on when that block is certified, so the byte comparison runs only
 * when another block was.
 */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  const bytes = (v: Float32Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
  return a === b || equalBytes(bytes(a), bytes(b))
}

/**
 * The local training round.
 *
 * @remarks
 * Training ahead: a member knows S_h as soon as it has checked the proposed block of height h
 * (validation recomputes it; the proposer computed it to propose), while the prevotes,
 * precommits, apply and persist of h still take a few hundred milliseconds. It starts training
 * height h+1 on that state right away. When the height begins, that training is kept if the
 * certified block produced the same θ_h (almost always: round 0 commits, and a later round's
 * block that aggregates the same updates gives the same θ even if its ledger differs) and
 * cancelled otherwise, when the node trains afresh. The update is the same DiLoCo update
 * either way (Δ from the certified θ_h); only the trainer's idle time between heights goes.
 */
export class LocalRound {
  readonly #i: LocalRoundInit
  #height = 0
  #startedAt = 0
  /** Whether the trainer is busy with this height's own round (not one trained ahead). */
  #training = false
  #ahead: Ahead | undefined
  /** Whether this node trains and sends updates (from the next height on). */
  contributing = true

  constructor(init: LocalRoundInit) {
    this.#i = init
  }

  /** Height `s.height + 1` began at `startedAt`: train for it (keeping a round trained ahead). */
  begin(s: DilocoState, ctx: AppContext, startedAt: number): void {
    this.#height = s.height + 1
    this.#startedAt = startedAt
    const ahead = this.#ahead
    this.#ahead = undefined
    const trains = this.#trains(s)
    const kept =
      ahead !== undefined &&
      trains &&
      ahead.height === this.#height &&
      sameBits(ahead.weights, s.weights)
    if (ahead !== undefined && !kept) ahead.cancel.abort('another block was certified')
    if (trains) void this.#train(s, ctx, kept ? ahead : undefined)
  }

  /** Whether this node trains from `s` (it has a trainer, contributes, and is a member). */
  #trains(s: DilocoState): boolean {
    const me = this.#i.identity.nodeId
    return this.#i.trainer !== undefined && this.contributing && isMember(s, me)
  }

  /**
   * Starts the round after `next` (a checked block's state) unless the trainer is busy. `seenAt`
   * is when the block arrived: members check it at different speeds, so the round gets the
   * budget left from then, and everyone's round ends at about the same time (the proposer of
   * the next height waits for the last update).
   */
  trainAhead(next: DilocoState, seenAt: number, ctx: AppContext): void {
    if (this.#i.trainAhead === false || this.#training || this.#ahead !== undefined) return
    if (!this.#trains(next)) return
    const height = (next.height + 1) as Height
    const cancel = new Cancel()
    const full = this.#i.params.roundBudgetMs
    const budget =
      full === undefined
        ? undefined
        : Math.max(full * MIN_AHEAD_BUDGET, full - (ctx.clock.now() - seenAt))
    const result = (this.#i.trainer as LocalTrainer).train(
      next.weights,
      height,
      cancel.signal,
      budget,
    )
    // Awaited only if its block is certified; a cancelled round's rejection is expected.
    result.catch(() => undefined)
    this.#ahead = { weights: next.weights, height, began: ctx.clock.now(), cancel, result }
  }

  async #train(s: DilocoState, ctx: AppContext, ahead?: Ahead): Promise<void> {
    const { params: p, identity, stats } = this.#i
    const h = (s.height + 1) as Height
    const began = ahead?.began ?? ctx.clock.now()
    let result
    this.#training = true
    const cancelAhead = () => ahead?.cancel.abort('the height ended')
    if (ahead !== undefined) ctx.signal.addEventListener('abort', cancelAhead)
    try {
      result =
        ahead === undefined
          ? await (this.#i.trainer as LocalTrainer).train(s.weights, h, ctx.signal)
          : await ahead.result
    } catch (err) {
      return this.#i.reject(`train: ${(err as Error).message}`)
    } finally {
      this.#training = false
      ctx.signal.removeEventListener('abort', cancelAhead)
    }
    // Encoding and signing are separate tasks, so neither joins another in one long task.
    await yieldTo(ctx.clock)
    if (ctx.signal.aborted || this.#height !== h) return
    const craft = this.#i.attack?.delta
    const delta =
      craft === undefined
        ? result.delta
        : await craft(
            result.delta,
            attackView(s, ctx, {
              me: identity.nodeId,
              dimension: p.dimension,
              collectDeadline: this.#startedAt + p.collectMs,
              updates: this.#i.updates,
              payloads: this.#i.payloads,
            }),
          )
    if (ctx.signal.aborted || this.#height !== h) return
    const payload = encodeVector(delta, p.compression)
    const payloadHash = sha256Hex(payload)
    await yieldTo(ctx.clock)
    if (ctx.signal.aborted || this.#height !== h) return
    this.#i.payloads.put(payloadHash, payload, h)
    const header = updateMessage({
      job: p.job,
      height: h,
      node: identity.nodeId,
      base: this.#i.hashes.of(s),
      samples: Math.max(1, result.samples),
      trainLoss: Number.isFinite(result.loss) ? result.loss : 0,
      payloadHash,
      payloadBytes: payload.length,
    })
    const sealed = sealMessage(coreCodec, identity, header)
    const envelope = this.#i.attack?.envelope?.(sealed) ?? sealed
    stats.trainedHeights++
    stats.lastTrainMs = ctx.clock.now() - began
    stats.trainMsTotal += stats.lastTrainMs
    stats.lastLoss = result.loss
    this.#i.updates.set(header.node, { envelope, message: header })
    ctx.publish(envelope)
    this.#i.updates.notify()
  }
}
