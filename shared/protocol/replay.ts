/**
 * Replay protection: remembers which signed messages were accepted, per job, height, sender and
 * type, by message hash, within a window of heights and a fixed memory budget.
 *
 * @remarks
 * De-duplication is by the SHA-256 of the canonical body, never by signature bytes: ML-DSA signing
 * is randomized, so one message can carry many valid signatures (notes/algorithms.md §6). Call
 * `check` before verifying a signature (a cheap early drop of duplicates and out-of-window
 * messages) and `admit` only after it verified: recording an unverified message would let a forger
 * make the real one look like a duplicate. When full, the guard refuses new messages rather than
 * forgetting old ones, since forgetting would re-open them to replay.
 */
import type { HashHex, Height, JobId, NodeId, Result } from '../types/index.ts'
import {
  REPLAY_HEIGHTS_AHEAD,
  REPLAY_HEIGHTS_BEHIND,
  REPLAY_MAX_ENTRIES,
  REPLAY_MAX_PER_SLOT,
  UNIQUE_PER_HEIGHT_TYPES,
} from './constants.ts'
import type { Rejection } from './rejection.ts'
import { reject } from './rejection.ts'

/** What identifies a message for replay purposes. */
export interface ReplayEntry {
  readonly job: JobId
  readonly height: Height
  readonly node: NodeId
  readonly type: string
  readonly hash: HashHex
}

/** Settings of a replay guard; all but `job` have defaults in `constants.ts`. */
export interface ReplayGuardInit {
  readonly job: JobId
  /** The current height; defaults to 0. */
  readonly height?: Height
  readonly heightsBehind?: number
  readonly heightsAhead?: number
  readonly maxPerSlot?: number
  readonly maxEntries?: number
  /** Types of which one node may send only one message per height. */
  readonly uniquePerHeight?: readonly string[]
}

/** Remembers accepted messages so that replays and equivocations are recognised. */
export class ReplayGuard {
  readonly #job: JobId
  readonly #behind: number
  readonly #ahead: number
  readonly #maxPerSlot: number
  readonly #maxEntries: number
  readonly #unique: ReadonlySet<string>
  readonly #byHeight = new Map<number, Map<string, HashHex[]>>()
  #height: number
  #size = 0

  constructor(init: ReplayGuardInit) {
    this.#job = init.job
    this.#height = init.height ?? 0
    this.#behind = init.heightsBehind ?? REPLAY_HEIGHTS_BEHIND
    this.#ahead = init.heightsAhead ?? REPLAY_HEIGHTS_AHEAD
    this.#maxPerSlot = init.maxPerSlot ?? REPLAY_MAX_PER_SLOT
    this.#maxEntries = init.maxEntries ?? REPLAY_MAX_ENTRIES
    this.#unique = new Set(init.uniquePerHeight ?? UNIQUE_PER_HEIGHT_TYPES)
  }

  /** The current height. */
  get height(): number {
    return this.#height
  }

  /** Messages remembered. */
  get size(): number {
    return this.#size
  }

  /** Moves to a later height and forgets heights that fell out of the window. */
  advanceTo(height: Height): void {
    if (height <= this.#height) return
    this.#height = height
    for (const [h, slots] of this.#byHeight) {
      if (h >= height - this.#behind) continue
      for (const hashes of slots.values()) this.#size -= hashes.length
      this.#byHeight.delete(h)
    }
  }

  /** Whether `entry` would be admitted, without recording it (no conflict check). */
  check(entry: ReplayEntry): Result<void, Rejection> {
    if (entry.job !== this.#job) return reject('wrong-job', `${entry.job} is not ${this.#job}`)
    if (entry.height < this.#height - this.#behind) {
      return reject('stale', `height ${entry.height} is behind ${this.#height}`)
    }
    if (entry.height > this.#height + this.#ahead) {
      return reject('future', `height ${entry.height} is ahead of ${this.#height}`)
    }
    const hashes = this.#byHeight.get(entry.height)?.get(slotOf(entry)) ?? []
    if (hashes.includes(entry.hash)) return reject('duplicate', `${entry.type} ${entry.hash}`)
    if (hashes.length >= this.#maxPerSlot) {
      return reject('flood', `${entry.node} sent ${hashes.length} ${entry.type} at ${entry.height}`)
    }
    if (this.#size >= this.#maxEntries) return reject('full', `${this.#size} messages remembered`)
    return { ok: true, value: undefined }
  }

  /**
   * Records a verified message. Refuses it as `check` would; a second distinct message of a
   * once-per-height type is recorded but refused as `conflict`, naming the first one.
   */
  admit(entry: ReplayEntry): Result<void, Rejection> {
    const checked = this.check(entry)
    if (!checked.ok) return checked
    let slots = this.#byHeight.get(entry.height)
    if (slots === undefined) {
      slots = new Map()
      this.#byHeight.set(entry.height, slots)
    }
    const slot = slotOf(entry)
    const hashes = slots.get(slot) ?? []
    const first = hashes[0]
    slots.set(slot, [...hashes, entry.hash])
    this.#size++
    if (first !== undefined && this.#unique.has(entry.type)) {
      return {
        ok: false,
        reason: {
          code: 'conflict',
          detail: `${entry.node} sent two ${entry.type} messages at height ${entry.height}`,
          conflictsWith: first,
        },
      }
    }
    return { ok: true, value: undefined }
  }
}

function slotOf(entry: ReplayEntry): string {
  return `${entry.node}/${entry.type}`
}
