/** The codec of consensus messages. */
import { createCodec, type MessageCodec } from '../protocol/index.ts'
import {
  PRECOMMIT_SCHEMA,
  PREVOTE_SCHEMA,
  PROPOSAL_SCHEMA,
  type ConsensusMessage,
} from './messages.ts'

/** Encodes and decodes `proposal`, `prevote` and `precommit`. */
export const consensusCodec: MessageCodec<ConsensusMessage> = createCodec<ConsensusMessage>({
  proposal: PROPOSAL_SCHEMA,
  prevote: PREVOTE_SCHEMA,
  precommit: PRECOMMIT_SCHEMA,
})
