/**
 * The `leave` message: a member asks to stop being one (DESIGN.md, "Membership"). Signed by the
 * member's key (named by node id); `height` is the latest certified height it has seen. A block
 * that carries it removes the member from the next height on, so the swarm neither waits for its
 * proposals nor counts it toward the quorum; the member keeps voting until that block commits.
 */
import { PROTOCOL_VERSION } from './constants.ts'
import type { BaseMessage, MessageSchema } from './schema.ts'

/** A member's request to leave the job. */
export interface LeaveMessage extends BaseMessage {
  readonly type: 'leave'
  readonly v: typeof PROTOCOL_VERSION
}

/** Wire schema of `leave`: the common fields only. */
export const LEAVE_SCHEMA: MessageSchema<LeaveMessage> = {
  type: 'leave',
  version: PROTOCOL_VERSION,
  fields: {},
}
