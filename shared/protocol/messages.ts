/** The core message union and its codec; the consensus module extends both with its messages. */
import type { JoinMessage } from './join.ts'
import { JOIN_SCHEMA } from './join.ts'
import type { LeaveMessage } from './leave.ts'
import { LEAVE_SCHEMA } from './leave.ts'
import type { MessageCodec, SchemaSet } from './schema.ts'
import { createCodec } from './schema.ts'
import type { UpdateMessage } from './update.ts'
import { UPDATE_SCHEMA } from './update.ts'

/** Every message defined by this module, keyed on `type`. */
export type CoreMessage = UpdateMessage | JoinMessage | LeaveMessage

/** Schemas of the core messages; spread into a larger set to add message types. */
export const CORE_SCHEMAS: SchemaSet<CoreMessage> = {
  update: UPDATE_SCHEMA,
  join: JOIN_SCHEMA,
  leave: LEAVE_SCHEMA,
}

/** Codec of the core messages. */
export const coreCodec: MessageCodec<CoreMessage> = createCodec<CoreMessage>(CORE_SCHEMAS)
