/**
 * Drives one height's Tendermint instance: performs its effects (timeouts, own votes, proposals,
 * the decision, evidence), feeds it votes and checked proposals, and re-sends this node's frames
 * until the height is decided. `SwarmNode` makes one per height.
 */
import { sha256Hex } from '../crypto/index.ts'
import type { Certificate } from '../consensus/certificate.ts'
import type { ConsensusMessage } from '../consensus/messages.ts'
import type { Effect } from '../consensus/tendermint.ts'
import type { VoteIn } from '../consensus/vote-book.ts'
import type { HashHex, PeerIdString } from '../types/index.ts'
import type { AppContext, Application } from './application.ts'
import type { Clock } from './clock.ts'
import type { NodeEvent } from './events.ts'
import type { HeightRun } from './height-run.ts'
import type { ConsensusSigner } from './outbound.ts'

/** What a height needs of its node. */
export interface HeightHost<S> {
  readonly app: Application<S>
  /** The latest certified state (the one the height builds on). */
  state(): S
  readonly clock: Clock
  readonly signer: ConsensusSigner
  readonly resendMs: number
  /** Whether this height is still the node's current one. */
  current(): boolean
  stopped(): boolean
  context(): AppContext
  broadcast(frame: Uint8Array): void
  emit(e: NodeEvent): void
  reject(reason: string, from: string): void
  /** Applies the decided block and starts the next height. */
  commit(run: HeightRun, block: Uint8Array, certificate: Certificate): Promise<void>
}

/** One height's consensus at this node. */
export class HeightDriver<S> {
  readonly run: HeightRun
  readonly #host: HeightHost<S>

  constructor(run: HeightRun, host: HeightHost<S>) {
    this.run = run
    this.#host = host
  }

  /** Starts the Tendermint instance and the re-sending of this node's frames. */
  start(): void {
    this.#perform(this.run.tendermint.start())
    this.#scheduleResend()
  }

  /** A vote from the wire (already opened and checked against the members). */
  onVote(vote: VoteIn<Uint8Array>): void {
    this.#perform(this.run.tendermint.onVote(vote))
  }

  #scheduleResend(): void {
    const { run } = this
    const host = this.#host
    const tick = () => {
      if (!host.current() || run.decided || host.stopped()) return
      for (const frame of run.outbox()) host.broadcast(frame)
      run.timer(host.clock.setTimeout(tick, host.resendMs))
    }
    run.timer(host.clock.setTimeout(tick, host.resendMs))
  }

  #perform(effects: Effect<Uint8Array>[]): void {
    const { run } = this
    const host = this.#host
    for (const e of effects) {
      if (!host.current() || host.stopped()) return
      switch (e.kind) {
        case 'timeout':
          run.timer(
            host.clock.setTimeout(() => {
              if (host.current()) this.#perform(run.tendermint.onTimeout(e.step, e.round))
            }, e.delayMs),
          )
          break
        case 'vote':
          this.#castVote(e.vote.type, e.vote.round, e.vote.value)
          break
        case 'propose':
          this.#propose(e.round, e.validValue, e.validRound)
          break
        case 'decide':
          void this.#decide(
            e.round,
            e.value,
            e.precommits.map((p) => p.ref),
          )
          break
        case 'evidence':
          host.emit({
            type: 'evidence',
            height: run.height,
            node: e.second.voter,
            kind: e.second.type,
          })
          host.app.onEvidence?.(host.state(), e.first.ref, e.second.ref)
          break
      }
    }
    for (const e of run.progress()) host.emit(e)
  }

  #castVote(type: 'prevote' | 'precommit', round: number, block: HashHex | null): void {
    const host = this.#host
    const vote = host.signer.vote(this.run.height, round, type, block)
    this.run.remember(vote.frame)
    host.broadcast(vote.frame)
    for (const frame of vote.extra) host.broadcast(frame)
    const self = host.signer.node
    const { value, envelope: ref } = vote
    this.#perform(this.run.tendermint.onVote({ type, round, value, voter: self, ref }))
  }

  #propose(round: number, validValue: HashHex | null, validRound: number): void {
    const { run } = this
    const host = this.#host
    const send = (hash: HashHex, block: Uint8Array) => {
      const frame = host.signer.proposal(run.height, round, validRound, hash, block)
      run.markProposalSeen()
      run.remember(frame)
      host.broadcast(frame)
    }
    if (validValue !== null) {
      const block = run.blocks.get(validValue)
      if (block !== undefined) send(validValue, block)
      return
    }
    host.app.proposeBlock(host.state(), host.context()).then(
      (block) => {
        if (!host.current() || run.decided) return
        const hash = sha256Hex(block)
        run.blocks.set(hash, block)
        this.#perform(run.tendermint.proposeValue(round, hash))
        send(hash, block)
      },
      (err: unknown) => host.reject(`app: proposeBlock failed: ${(err as Error).message}`, 'self'),
    )
  }

  /** A proposal from the wire (opened and checked against the members). */
  onProposal(
    m: Extract<ConsensusMessage, { type: 'proposal' }>,
    block: Uint8Array,
    from: PeerIdString,
  ): void {
    const { run } = this
    const host = this.#host
    if (m.node !== run.proposer(m.round))
      return host.reject('proposal: not from the round proposer', from)
    if (sha256Hex(block) !== m.block)
      return host.reject('proposal: block does not match its hash', from)
    if (!run.firstProposal(m.round)) return
    run.blocks.set(m.block, block)
    run.markProposalSeen()
    host.app.validateBlock(host.state(), block, host.context()).then(
      (verdict) => {
        if (!host.current()) return
        host.emit({
          type: 'proposal',
          height: run.height,
          round: m.round,
          block: m.block,
          valid: verdict.ok,
          ...(verdict.ok ? {} : { reason: verdict.reason }),
          at: host.clock.now(),
        })
        this.#perform(
          run.tendermint.onProposal({
            round: m.round,
            value: m.block,
            validRound: m.validRound,
            proposer: m.node,
            valid: verdict.ok,
          }),
        )
      },
      (err: unknown) => host.reject(`app: validateBlock failed: ${(err as Error).message}`, from),
    )
  }

  async #decide(round: number, value: HashHex, precommits: Uint8Array[]): Promise<void> {
    const { run } = this
    if (run.decided) return
    run.decided = true
    const block = run.blocks.get(value)
    if (block === undefined) return this.#host.reject('decide: block missing', 'self')
    const certificate: Certificate = { height: run.height, round, block: value, precommits }
    await this.#host.commit(run, block, certificate)
  }
}
