/**
 * How large a checkpoint of a job can honestly be, so the archive refuses a larger answer from
 * its length prefix, before a byte of it is buffered (instead of taking anything up to 512 MiB).
 *
 * @remarks
 * A checkpoint is S_H plus blocks 1..H with their certificates (`shared/node/checkpoint.ts`).
 * - S_H is set by the job: θ, the outer momentum and the last aggregate are 3 × 4 × d bytes
 *   (`shared/chain/state.ts`), plus one record per member (id, ML-DSA-65 public key, peer id,
 *   heights, ledger entry) and the ledger's totals.
 * - A height is at most: an update reference per member, the block's joins (the job's
 *   `maxJoins`, each a signed join), a certificate with a precommit per member, and a margin
 *   for transfers and evidence.
 * What the job does not fix is how many heights and members there are by now. The archive
 * knows both at the checkpoint it holds; it allows `lookahead` more heights, with the members it
 * knows doubled plus a full height of joins. An honest swarm that outgrew that bound (the archive
 * was away for long) is refused once, and each refusal doubles the lookahead for the next poll
 * (`archive.ts`), so it is caught up after a few polls; a stored checkpoint resets it.
 */
import type { JobManifest } from '../shared/job/index.ts'
import { weightLayout } from '../shared/model/index.ts'

/** ML-DSA-65 public key and signature sizes (FIPS 204, table 2). */
const PUBLIC_KEY_BYTES = 1_952
const SIGNATURE_BYTES = 3_309
/** A signed message with its key and envelope: the signature, the key, ids, hashes, framing. */
const SIGNED_MESSAGE_BYTES = PUBLIC_KEY_BYTES + SIGNATURE_BYTES + 768
/** One member in S_H: node id and peer id as text, public key, heights, its ledger entry. */
const MEMBER_STATE_BYTES = PUBLIC_KEY_BYTES + 512
/** A block's included update: node id and payload hash as text, framing. */
const UPDATE_REF_BYTES = 192
/** Per height: block header, previous-commit framing, and room for a few transfers and evidence. */
const HEIGHT_MARGIN_BYTES = 64 * 1024
/** S_H besides the vectors and members: header, ledger totals, bans, framing. */
const STATE_MARGIN_BYTES = 64 * 1024
/** Joins a block may carry (`maxJoins` of `shared/chain/params.ts`). */
const MAX_JOINS_PER_HEIGHT = 16

/** Heights allowed beyond the archived one before the first refusal doubles it. */
export const INITIAL_LOOKAHEAD = 256
/** The most the archive ever takes, whatever the bound says (the old fixed cap). */
export const CHECKPOINT_CEILING_BYTES = 512 * 1024 * 1024

/** What the archive knows of a job's chain: its archived height and members there. */
export interface KnownChain {
  readonly height: number
  readonly members: number
}

/** The largest honest checkpoint of `job` at most `lookahead` heights past `known`, in bytes. */
export function checkpointCap(job: JobManifest, known: KnownChain, lookahead: number): number {
  const d = weightLayout(job.model).paramCount
  const members = 2 * Math.max(1, known.members) + MAX_JOINS_PER_HEIGHT
  const state = 3 * 4 * d + members * MEMBER_STATE_BYTES + STATE_MARGIN_BYTES
  const perHeight =
    members * (UPDATE_REF_BYTES + SIGNED_MESSAGE_BYTES) +
    MAX_JOINS_PER_HEIGHT * SIGNED_MESSAGE_BYTES +
    HEIGHT_MARGIN_BYTES
  const bound = state + (known.height + lookahead) * perHeight
  return Math.min(CHECKPOINT_CEILING_BYTES, bound)
}
