/**
 * Verification of an audit log: every entry in sequence, chained to the one before (or to the
 * trim anchor), hashing to its `hash`, and signed by the node under the audit-log context.
 * Reports the first bad entry and why.
 */
import { fromHex, nodeIdOf, signingContext, verifyBytes } from '../../crypto/index.ts'
import type { Result } from '../../types/index.ts'
import { AUDIT_CONTEXT_KIND, GENESIS_HASH } from '../constants.ts'
import { checkShape, encodeBody, ENTRY_KEYS, hashBody } from './encoding.ts'
import type { AuditAnchor, AuditEntry, AuditProblem, AuditSummary } from './types.ts'

/** What a verifier needs besides the entries. */
export interface VerifyOptions {
  /** The node's ML-DSA-65 public key. */
  readonly publicKey: Uint8Array
  readonly job: string
  /** Where a trimmed log starts; absent for a log that starts at seq 0. */
  readonly anchor?: AuditAnchor
}

/** Checks `entries` (oldest first); the first problem found is returned as the reason. */
export function verifyAuditEntries(
  entries: readonly AuditEntry[],
  options: VerifyOptions,
): Result<AuditSummary, AuditProblem> {
  const context = signingContext(options.job, AUDIT_CONTEXT_KIND)
  const node = nodeIdOf(options.publicKey)
  let expectedSeq = options.anchor === undefined ? 0 : options.anchor.seq + 1
  let prevHash = options.anchor?.hash ?? GENESIS_HASH
  for (const entry of entries) {
    const reason = entryProblem(entry, { expectedSeq, prevHash, node, context, options })
    if (reason !== undefined) {
      const seq = Number.isSafeInteger(entry.seq) ? entry.seq : expectedSeq
      return { ok: false, reason: { seq, reason } }
    }
    expectedSeq = entry.seq + 1
    prevHash = entry.hash
  }
  return {
    ok: true,
    value: { count: entries.length, headSeq: expectedSeq - 1, headHash: prevHash },
  }
}

interface Expectation {
  readonly expectedSeq: number
  readonly prevHash: string
  readonly node: string
  readonly context: Uint8Array
  readonly options: VerifyOptions
}

function entryProblem(entry: AuditEntry, e: Expectation): string | undefined {
  const shape = checkShape(entry, ENTRY_KEYS)
  if (shape !== undefined) return `malformed: ${shape}`
  if (entry.seq !== e.expectedSeq) return `seq ${entry.seq} where ${e.expectedSeq} was expected`
  if (entry.job !== e.options.job) return `entry is for job "${entry.job}"`
  if (entry.node !== e.node) return `entry names node ${entry.node.slice(0, 12)}…, not the key's`
  if (entry.prevHash !== e.prevHash) return 'prevHash does not match the previous entry'
  let bytes: Uint8Array
  try {
    bytes = encodeBody(entry)
  } catch (err) {
    return `cannot be encoded: ${err instanceof Error ? err.message : String(err)}`
  }
  if (hashBody(bytes) !== entry.hash) return 'hash does not match the entry’s contents'
  if (!verifyBytes(e.options.publicKey, bytes, fromHex(entry.signature), e.context)) {
    return 'signature does not verify'
  }
  return undefined
}
