/** The job id: lowercase hex SHA-256 of the canonical manifest (see DESIGN.md, "Jobs"). */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { canonicalJson } from './canonical.ts'
import type { JobId, JobManifest } from './types.ts'

/** Computes the id of a validated manifest. */
export function jobId(job: JobManifest): JobId {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(job)))) as JobId
}
