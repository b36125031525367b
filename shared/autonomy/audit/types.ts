/** The shapes of the audit log: what the loop records, and the signed, chained entries it becomes. */
import type { ControlName, FactValue } from '../facts.ts'
import type { LogRequest, RuleOutcome } from '../policy.ts'

/** A rule that fired in a decision, and why. */
export type FiredRule = Pick<RuleOutcome, 'id' | 'priority' | 'reasons'>

/** Whether an action took effect, and the actuator's error when it did not. */
export interface ActionOutcome {
  readonly ok: boolean
  readonly error?: string
}

/** A control change the loop made (or tried to make). */
export interface SetAction extends ActionOutcome {
  readonly type: 'set'
  readonly control: Exclude<ControlName, 'paused'>
  readonly from: number | string
  readonly to: number | string
  /** Who asked: `rule:<id>`, `adapt` or `baseline` (no rule asks any more). */
  readonly by: string
}

/** Something the loop did or noted in one decision. */
export type AuditAction =
  | SetAction
  | ({ readonly type: 'pause' | 'resume'; readonly by: string } & ActionOutcome)
  | ({ readonly type: 'resync'; readonly by: string; readonly why: string } & ActionOutcome)
  | ({ readonly type: 'log' } & LogRequest)
  /** Adapt moved a baseline or a threshold. */
  | {
      readonly type: 'adapt'
      readonly what: string
      readonly from: number
      readonly to: number
      readonly why: string
    }

/** One decision as the loop hands it to the log. */
export interface AuditRecord {
  /** Clock time of the decision, ms since the epoch. */
  readonly at: number
  readonly facts: Readonly<Record<string, FactValue>>
  readonly fired: readonly FiredRule[]
  readonly actions: readonly AuditAction[]
  /** Sensor failures and Reflect's observations. */
  readonly notes: readonly string[]
}

/** The signed part of an entry: the record, where it sits in the chain, and whose it is. */
export interface AuditBody extends AuditRecord {
  readonly v: number
  readonly job: string
  /** Node id of the signer (hex SHA-256 of its ML-DSA-65 public key). */
  readonly node: string
  readonly seq: number
  /** `hash` of the previous entry, the trim anchor's hash, or 64 zeros for the first entry. */
  readonly prevHash: string
}

/** One entry of the audit log. */
export interface AuditEntry extends AuditBody {
  /** Hex SHA-256 of the canonical encoding of the body. */
  readonly hash: string
  /** Hex HashML-DSA-65 signature of the same bytes under the audit-log context. */
  readonly signature: string
}

/** Where a trimmed log starts: the last dropped entry's seq and hash. */
export interface AuditAnchor {
  readonly seq: number
  readonly hash: string
}

/** The first bad entry that verification met, and why it is bad. */
export interface AuditProblem {
  readonly seq: number
  readonly reason: string
}

/** What a successful verification covered. */
export interface AuditSummary {
  readonly count: number
  /** Seq of the newest entry (the anchor's, or −1, when the log is empty). */
  readonly headSeq: number
  /** Hash of the newest entry (the anchor's, or the genesis hash, when empty). */
  readonly headHash: string
}
