/**
 * Tendermint's consensus for one height, as a pure state machine.
 *
 * @remarks
 * A transcription of Algorithm 1 of Buchman, Kwon, Milosevic, "The latest gossip on BFT
 * consensus" (arXiv 1807.04938); comments cite its line numbers. Events go in (start, a
 * proposal with the caller's verdict on its validity, a vote, a timeout, our own proposal value)
 * and effects come out (broadcast, schedule a timeout, ask for a value, decide, evidence). No
 * clock, no I/O and no signatures here: the driver verifies signatures and membership before a
 * message gets in, and validates blocks (which may mean fetching payloads) before it reports a
 * proposal. Values are block hashes; `null` is nil.
 *
 * `R` is an opaque reference the driver attaches to each vote (the signed bytes), so that the
 * decision can carry the precommits that form the certificate and evidence can carry both
 * conflicting signed votes.
 */
import type { HashHex, NodeId } from '../types/index.ts'
import {
  MAX_ROUND,
  TIMEOUT_PRECOMMIT_DELTA_MS,
  TIMEOUT_PRECOMMIT_MS,
  TIMEOUT_PREVOTE_DELTA_MS,
  TIMEOUT_PREVOTE_MS,
  TIMEOUT_PROPOSE_DELTA_MS,
  TIMEOUT_PROPOSE_MS,
} from './constants.ts'
import { CommitteeSizeError } from './errors.ts'
import { quorum, skipThreshold } from './quorum.ts'
import { VoteBook, type VoteKind, type VoteIn } from './vote-book.ts'

/** The step within a round. */
export type Step = 'propose' | 'prevote' | 'precommit'

/** A proposal as the state machine sees it. */
export interface ProposalIn {
  readonly round: number
  readonly value: HashHex
  /** The round in which the proposer saw a quorum of prevotes for `value`, or −1. */
  readonly validRound: number
  readonly proposer: NodeId
  /** The driver's verdict: signatures, payloads and the recomputed state hash all check out. */
  readonly valid: boolean
}

/** What the driver must do after an event. */
export type Effect<R> =
  | {
      readonly kind: 'propose'
      readonly round: number
      readonly validValue: HashHex | null
      readonly validRound: number
    }
  | {
      readonly kind: 'vote'
      readonly vote: {
        readonly type: VoteKind
        readonly round: number
        readonly value: HashHex | null
      }
    }
  | {
      readonly kind: 'timeout'
      readonly step: Step
      readonly round: number
      readonly delayMs: number
    }
  | {
      readonly kind: 'decide'
      readonly round: number
      readonly value: HashHex
      readonly precommits: readonly VoteIn<R>[]
    }
  | { readonly kind: 'evidence'; readonly first: VoteIn<R>; readonly second: VoteIn<R> }

/** Timeout lengths; defaults from `constants.ts`. */
export interface Timeouts {
  readonly propose: (round: number) => number
  readonly prevote: (round: number) => number
  readonly precommit: (round: number) => number
}

/** Default timeouts, growing linearly with the round. */
export const DEFAULT_TIMEOUTS: Timeouts = {
  propose: (r) => TIMEOUT_PROPOSE_MS + r * TIMEOUT_PROPOSE_DELTA_MS,
  prevote: (r) => TIMEOUT_PREVOTE_MS + r * TIMEOUT_PREVOTE_DELTA_MS,
  precommit: (r) => TIMEOUT_PRECOMMIT_MS + r * TIMEOUT_PRECOMMIT_DELTA_MS,
}

/** Setup of one height's instance. */
export interface TendermintInit {
  /** Our id, or `null` for an observer that follows but never votes. */
  readonly self: NodeId | null
  /** The members at this height (the voters). */
  readonly members: readonly NodeId[]
  /** The proposer of a round; the same function on every member. */
  readonly proposer: (round: number) => NodeId
  readonly timeouts?: Timeouts
}

/** One height of Tendermint. Feed it events; perform the effects it returns. */
export class Tendermint<R = unknown> {
  readonly #self: NodeId | null
  readonly #members: ReadonlySet<string>
  readonly #proposer: (round: number) => NodeId
  readonly #timeouts: Timeouts
  readonly #q: number
  readonly #skip: number
  readonly #votes: VoteBook<R>
  readonly #proposals = new Map<number, ProposalIn>()
  /** Senders seen per round (proposals and votes), for the round-skip rule (line 55). */
  readonly #seenInRound = new Map<number, Set<string>>()
  #round = -1
  #step: Step = 'propose'
  #lockedValue: HashHex | null = null
  #lockedRound = -1
  #validValue: HashHex | null = null
  #validRound = -1
  #decision: HashHex | null = null
  /** "For the first time" guards of lines 34, 36 and 47, per round. */
  readonly #fired = new Set<string>()
  #out: Effect<R>[] = []

  constructor(init: TendermintInit) {
    if (init.members.length === 0)
      throw new CommitteeSizeError('a height needs at least one member')
    this.#self = init.self
    this.#members = new Set(init.members)
    this.#proposer = init.proposer
    this.#timeouts = init.timeouts ?? DEFAULT_TIMEOUTS
    this.#q = quorum(init.members.length)
    this.#skip = skipThreshold(init.members.length)
    this.#votes = new VoteBook<R>()
  }

  /** The current round, step, lock and decision, for the UI and tests. */
  get state() {
    return {
      round: this.#round,
      step: this.#step,
      lockedValue: this.#lockedValue,
      lockedRound: this.#lockedRound,
      validValue: this.#validValue,
      validRound: this.#validRound,
      decision: this.#decision,
      quorum: this.#q,
    }
  }

  /** How many distinct members voted `kind` in `round` (for any value, nil included). */
  votesIn(kind: VoteKind, round: number): number {
    return this.#votes.total(kind, round)
  }

  /** Starts the height at round 0 (line 10). */
  start(): Effect<R>[] {
    if (this.#round >= 0) return []
    this.#startRound(0)
    return this.#flush()
  }

  /** The value we propose in `round`, after a `propose` effect asked for it. */
  proposeValue(round: number, value: HashHex): Effect<R>[] {
    if (round !== this.#round || this.#self === null || this.#proposer(round) !== this.#self)
      return []
    if (this.#proposals.has(round)) return []
    this.#proposals.set(round, {
      round,
      value,
      validRound: this.#validRound,
      proposer: this.#self,
      valid: true,
    })
    this.#evaluate()
    return this.#flush()
  }

  /** A proposal received from the network, with the driver's verdict on the block. */
  onProposal(p: ProposalIn): Effect<R>[] {
    if (!this.#admissibleRound(p.round) || p.proposer !== this.#proposer(p.round)) return []
    if (p.validRound < -1 || p.validRound >= p.round) return []
    // Only the first proposal of a round counts; a different second one is the proposer's fault.
    if (this.#proposals.has(p.round)) return []
    this.#proposals.set(p.round, p)
    this.#noteSender(p.round, p.proposer)
    this.#evaluate()
    return this.#flush()
  }

  /** A vote received from the network (signature and membership already checked). */
  onVote(vote: VoteIn<R>): Effect<R>[] {
    if (!this.#admissibleRound(vote.round) || !this.#members.has(vote.voter)) return []
    const added = this.#votes.add(vote)
    if (added.conflict !== undefined) {
      this.#out.push({ kind: 'evidence', first: added.conflict, second: vote })
    }
    if (added.added) {
      this.#noteSender(vote.round, vote.voter)
      this.#evaluate()
    }
    return this.#flush()
  }

  /** A timeout the driver scheduled has fired (lines 57, 61, 65). */
  onTimeout(step: Step, round: number): Effect<R>[] {
    if (this.#decision !== null || round !== this.#round) return this.#flush()
    if (step === 'propose' && this.#step === 'propose') {
      this.#vote('prevote', null)
      this.#step = 'prevote'
    } else if (step === 'prevote' && this.#step === 'prevote') {
      this.#vote('precommit', null)
      this.#step = 'precommit'
    } else if (step === 'precommit') {
      this.#startRound(round + 1)
    }
    this.#evaluate()
    return this.#flush()
  }

  #admissibleRound(round: number): boolean {
    return Number.isSafeInteger(round) && round >= 0 && round <= MAX_ROUND
  }

  #noteSender(round: number, sender: NodeId): void {
    let set = this.#seenInRound.get(round)
    if (set === undefined) this.#seenInRound.set(round, (set = new Set<string>()))
    set.add(sender)
  }

  /** StartRound (line 11). */
  #startRound(round: number): void {
    if (round > MAX_ROUND) return
    this.#round = round
    this.#step = 'propose'
    if (this.#self !== null && this.#proposer(round) === this.#self) {
      const reuse = this.#validValue
      if (reuse !== null) {
        this.#proposals.set(round, {
          round,
          value: reuse,
          validRound: this.#validRound,
          proposer: this.#self,
          valid: true,
        })
      }
      this.#out.push({ kind: 'propose', round, validValue: reuse, validRound: this.#validRound })
    }
    // Line 21 schedules OnTimeoutPropose for the other members only, since the paper's getValue
    // never fails. Here the proposer's value comes from an application that can fail or stall (a
    // block that cannot be built, a payload that will not come), and with n ≤ 3 the others cannot
    // move on without its vote: the proposer too prevotes nil when its timeout fires while it is
    // still in the propose step (line 57). A nil prevote is always safe; a proposer that did
    // propose has prevoted its own value by then, and the timeout finds it past the step.
    this.#out.push({
      kind: 'timeout',
      step: 'propose',
      round,
      delayMs: this.#timeouts.propose(round),
    })
  }

  #vote(type: VoteKind, value: HashHex | null): void {
    if (this.#self === null) return
    this.#out.push({ kind: 'vote', vote: { type, round: this.#round, value } })
  }

  #firstTime(key: string): boolean {
    if (this.#fired.has(key)) return false
    this.#fired.add(key)
    return true
  }

  /** Applies every rule whose condition holds, until none does. */
  #evaluate(): void {
    for (let guard = 0; guard < 64; guard++) {
      if (!this.#step1()) return
    }
  }

  /** One pass over the rules; true if any of them changed the state. */
  #step1(): boolean {
    if (this.#decision !== null) return false
    const r = this.#round
    if (r < 0) return false
    // Line 49: a quorum of precommits for a proposed, valid value decides, in any round.
    for (const [round, p] of this.#proposals) {
      if (p.valid && this.#votes.count('precommit', round, p.value) >= this.#q) {
        this.#decision = p.value
        this.#out.push({
          kind: 'decide',
          round,
          value: p.value,
          precommits: this.#votes.forValue('precommit', round, p.value),
        })
        return false
      }
    }
    // Line 55: f+1 messages from a higher round: skip to it.
    for (const [round, senders] of this.#seenInRound) {
      if (round > r && senders.size >= this.#skip) {
        this.#startRound(round)
        return true
      }
    }
    const p = this.#proposals.get(r)
    if (this.#step === 'propose' && p !== undefined) {
      // Line 22: a fresh proposal.
      if (p.validRound === -1) {
        const ok = p.valid && (this.#lockedRound === -1 || this.#lockedValue === p.value)
        this.#vote('prevote', ok ? p.value : null)
        this.#step = 'prevote'
        return true
      }
      // Line 28: a re-proposal backed by a quorum of prevotes in its valid round.
      if (p.validRound < r && this.#votes.count('prevote', p.validRound, p.value) >= this.#q) {
        const ok = p.valid && (this.#lockedRound <= p.validRound || this.#lockedValue === p.value)
        this.#vote('prevote', ok ? p.value : null)
        this.#step = 'prevote'
        return true
      }
    }
    // Line 34: a quorum of prevotes for anything: start the prevote timer.
    if (
      this.#step === 'prevote' &&
      this.#votes.total('prevote', r) >= this.#q &&
      this.#firstTime(`34/${r}`)
    ) {
      this.#out.push({
        kind: 'timeout',
        step: 'prevote',
        round: r,
        delayMs: this.#timeouts.prevote(r),
      })
    }
    // Line 36: a quorum of prevotes for the valid proposal: lock and precommit.
    if (
      p !== undefined &&
      p.valid &&
      this.#step !== 'propose' &&
      this.#votes.count('prevote', r, p.value) >= this.#q &&
      this.#firstTime(`36/${r}`)
    ) {
      if (this.#step === 'prevote') {
        this.#lockedValue = p.value
        this.#lockedRound = r
        this.#vote('precommit', p.value)
        this.#step = 'precommit'
      }
      this.#validValue = p.value
      this.#validRound = r
      return true
    }
    // Line 44: a quorum of nil prevotes: precommit nil.
    if (this.#step === 'prevote' && this.#votes.count('prevote', r, null) >= this.#q) {
      this.#vote('precommit', null)
      this.#step = 'precommit'
      return true
    }
    // Line 47: a quorum of precommits for anything: start the precommit timer.
    if (this.#votes.total('precommit', r) >= this.#q && this.#firstTime(`47/${r}`)) {
      this.#out.push({
        kind: 'timeout',
        step: 'precommit',
        round: r,
        delayMs: this.#timeouts.precommit(r),
      })
    }
    return false
  }

  #flush(): Effect<R>[] {
    const out = this.#out
    this.#out = []
    return out
  }
}
