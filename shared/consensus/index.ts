/**
 * Byzantine-fault-tolerant agreement on each height: Tendermint's algorithm as a pure state
 * machine, its signed messages, certificates (a quorum of precommits) and equivocation evidence.
 * The quorum is ⌊2n/3⌋ + 1 of the current members (see `quorum.ts` for why not "2f+1").
 */
export * from './constants.ts'
export * from './quorum.ts'
export { VoteBook, type VoteIn, type VoteKind } from './vote-book.ts'
export {
  Tendermint,
  DEFAULT_TIMEOUTS,
  type Effect,
  type ProposalIn,
  type Step,
  type Timeouts,
} from './tendermint.ts'
export * from './messages.ts'
export { consensusCodec } from './codec.ts'
export * from './certificate.ts'
export * from './evidence.ts'
export * from './errors.ts'
