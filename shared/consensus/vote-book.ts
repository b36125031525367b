/**
 * The votes of one height: the first vote of each member per (kind, round), tallies per value,
 * and detection of a member voting twice differently (equivocation).
 */
import type { HashHex, NodeId } from '../types/index.ts'

/** Prevote or precommit. */
export type VoteKind = 'prevote' | 'precommit'

/** A vote as the state machine sees it; `ref` is the driver's handle on the signed bytes. */
export interface VoteIn<R> {
  readonly type: VoteKind
  readonly round: number
  /** The block hash voted for, or `null` for nil. */
  readonly value: HashHex | null
  readonly voter: NodeId
  readonly ref: R
}

/** Outcome of adding a vote. */
export interface AddResult<R> {
  /** True when this is the member's first vote of this kind in this round. */
  readonly added: boolean
  /** The member's earlier vote, when this one names a different value. */
  readonly conflict?: VoteIn<R>
}

const NIL = 'nil'

/** All votes of one height. */
export class VoteBook<R> {
  /** key `${kind}/${round}` → voter → vote */
  readonly #byVoter = new Map<string, Map<string, VoteIn<R>>>()
  /** key `${kind}/${round}/${value}` → count */
  readonly #tally = new Map<string, number>()

  /** Records a vote; a repeat of the same vote is ignored, a different one is a conflict. */
  add(vote: VoteIn<R>): AddResult<R> {
    const key = `${vote.type}/${vote.round}`
    let voters = this.#byVoter.get(key)
    if (voters === undefined) this.#byVoter.set(key, (voters = new Map<string, VoteIn<R>>()))
    const earlier = voters.get(vote.voter)
    if (earlier !== undefined) {
      return earlier.value === vote.value ? { added: false } : { added: false, conflict: earlier }
    }
    voters.set(vote.voter, vote)
    const tallyKey = `${key}/${vote.value ?? NIL}`
    this.#tally.set(tallyKey, (this.#tally.get(tallyKey) ?? 0) + 1)
    return { added: true }
  }

  /** Members that voted `kind` in `round` for `value` (`null` = nil). */
  count(kind: VoteKind, round: number, value: HashHex | null): number {
    return this.#tally.get(`${kind}/${round}/${value ?? NIL}`) ?? 0
  }

  /** Members that voted `kind` in `round`, for any value. */
  total(kind: VoteKind, round: number): number {
    return this.#byVoter.get(`${kind}/${round}`)?.size ?? 0
  }

  /** The votes for `value`, sorted by voter id (a canonical order for certificates). */
  forValue(kind: VoteKind, round: number, value: HashHex | null): VoteIn<R>[] {
    const voters = this.#byVoter.get(`${kind}/${round}`)
    if (voters === undefined) return []
    return [...voters.values()]
      .filter((v) => v.value === value)
      .sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : 0))
  }
}
