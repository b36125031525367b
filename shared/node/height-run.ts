/**
 * The working state of one height at one node: its Tendermint instance, the blocks seen, timers,
 * frames to re-send, and bookkeeping for latency figures. Disposed when the height ends.
 */
import { Tendermint, type Timeouts } from '../consensus/tendermint.ts'
import type { HashHex, Height, NodeId } from '../types/index.ts'
import type { Member } from './application.ts'
import { Cancel } from './cancel.ts'
import type { Clock, TimerHandle } from './clock.ts'
import type { NodeEvent } from './events.ts'

/** Frames re-sent per height at most (the latest proposal and votes). */
const MAX_OUTBOX = 8
/** Distinct vote messages remembered per height, against floods. */
const MAX_SEEN = 100_000

/** Setup of a height. */
export interface HeightRunInit {
  readonly height: Height
  readonly members: readonly Member[]
  readonly self: NodeId | null
  readonly clock: Clock
  readonly timeouts?: Timeouts
}

/** One height in progress. */
export class HeightRun {
  readonly height: Height
  readonly members: readonly Member[]
  readonly tendermint: Tendermint<Uint8Array>
  /** Blocks by hash: proposed to us or by us. */
  readonly blocks = new Map<HashHex, Uint8Array>()
  readonly abort = new Cancel()
  decided = false
  /** When the first proposal of this height arrived (for proposal-to-certificate latency). */
  firstProposalAt: number | undefined
  readonly #clock: Clock
  readonly #timers: TimerHandle[] = []
  readonly #outbox: Uint8Array[] = []
  readonly #seen = new Set<string>()
  readonly #proposalRounds = new Set<number>()
  /** The round and step last reported, to emit `round` events on change only. */
  #lastRound = -1
  #lastStep = ''

  constructor(init: HeightRunInit) {
    this.height = init.height
    this.members = init.members
    this.#clock = init.clock
    const ids = init.members.map((m) => m.node)
    this.tendermint = new Tendermint<Uint8Array>({
      self: init.self,
      members: ids,
      proposer: (round) => this.proposer(round),
      ...(init.timeouts === undefined ? {} : { timeouts: init.timeouts }),
    })
  }

  /** The proposer of `round`: round-robin over the sorted members, offset by the height. */
  proposer(round: number): NodeId {
    const n = this.members.length
    return (this.members[(this.height + round) % n] as Member).node
  }

  /** Keeps a timer to cancel at disposal. */
  timer(handle: TimerHandle): void {
    this.#timers.push(handle)
  }

  /** Remembers a frame we sent, to send again until the height is decided. */
  remember(frame: Uint8Array): void {
    this.#outbox.push(frame)
    if (this.#outbox.length > MAX_OUTBOX) this.#outbox.shift()
  }

  /** The frames to re-send. */
  outbox(): readonly Uint8Array[] {
    return this.#outbox
  }

  /** True the first time a message hash is seen at this height. */
  seen(hash: string): boolean {
    if (this.#seen.has(hash) || this.#seen.size >= MAX_SEEN) return false
    this.#seen.add(hash)
    return true
  }

  /** True for the first proposal of a round. */
  firstProposal(round: number): boolean {
    if (this.#proposalRounds.has(round)) return false
    this.#proposalRounds.add(round)
    return true
  }

  /** Notes the arrival time of the first proposal. */
  markProposalSeen(): void {
    this.firstProposalAt ??= this.#clock.now()
  }

  /**
   * The events that report where the height stands: a `round` event when the round or step
   * changed since the last call, then the vote counts of the round (none before it starts).
   */
  progress(): NodeEvent[] {
    const s = this.tendermint.state
    if (s.round < 0) return []
    const events: NodeEvent[] = []
    if (s.round !== this.#lastRound || s.step !== this.#lastStep) {
      this.#lastRound = s.round
      this.#lastStep = s.step
      const proposer = this.proposer(s.round)
      events.push({ type: 'round', height: this.height, round: s.round, phase: s.step, proposer })
    }
    events.push({
      type: 'votes',
      height: this.height,
      round: s.round,
      prevotes: this.tendermint.votesIn('prevote', s.round),
      precommits: this.tendermint.votesIn('precommit', s.round),
      quorum: s.quorum,
    })
    return events
  }

  /** Cancels timers and pending application work. */
  dispose(): void {
    for (const t of this.#timers.splice(0)) this.#clock.clearTimeout(t)
    this.abort.abort()
  }
}
