/**
 * Keeps the certified log and the latest state in a `Storage`, so a reloaded node resumes as the
 * same node at the same height (and can serve checkpoints), and reads them back.
 */
import { decodeCertificate, encodeCertificate } from '../consensus/index.ts'
import type { Storage } from '../storage/index.ts'
import type { Result } from '../types/index.ts'
import type { Application } from './application.ts'
import type { CertifiedBlock } from './certified.ts'
import { decodeSyncEntry, encodeSyncEntry } from './wire.ts'

const STATE_KEY = (job: string) => `chain/${job}/state`
const BLOCK_PREFIX = (job: string) => `chain/${job}/block/`
const BLOCK_KEY = (job: string, h: number) => `${BLOCK_PREFIX(job)}${String(h).padStart(10, '0')}`

/** Saves one certified block and the state it produced (block first: a crash leaves no gap). */
export async function persistCommit(
  storage: Storage,
  job: string,
  entry: CertifiedBlock,
  state: Uint8Array,
): Promise<void> {
  await storage.put(
    BLOCK_KEY(job, entry.certificate.height),
    encodeSyncEntry({ block: entry.block, certificate: encodeCertificate(entry.certificate) }),
  )
  await storage.put(STATE_KEY(job), state)
}

/**
 * Saves the certified blocks of `entries` that `storage` lacks: the log a node starts with when
 * it joined from a checkpoint (or resynced from one) is otherwise only in memory, and a reload
 * would come back without the last block's certificate, which its next proposal must carry.
 * Returns how many blocks it wrote.
 */
export async function persistLog(
  storage: Storage,
  job: string,
  entries: readonly CertifiedBlock[],
): Promise<number> {
  if (entries.length === 0) return 0
  const held = new Set(await storage.keys(BLOCK_PREFIX(job)))
  let written = 0
  for (const entry of entries) {
    const key = BLOCK_KEY(job, entry.certificate.height)
    if (held.has(key)) continue
    await storage.put(
      key,
      encodeSyncEntry({ block: entry.block, certificate: encodeCertificate(entry.certificate) }),
    )
    written++
  }
  return written
}

/** What a node had saved: its state and its log, if any. */
export async function restore<S>(
  storage: Storage,
  job: string,
  app: Application<S>,
): Promise<Result<{ state: S; log: CertifiedBlock[] } | undefined>> {
  const bytes = await storage.get(STATE_KEY(job))
  if (bytes === undefined) return { ok: true, value: undefined }
  const state = app.decodeState(bytes)
  if (!state.ok) return { ok: false, reason: `saved state: ${state.reason}` }
  const height = app.view(state.value).height
  const log: CertifiedBlock[] = []
  for (let h = 1; h <= height; h++) {
    // A gap (a node saved by a version that did not keep its starting log) skips those heights:
    // the later blocks, and the last one's certificate above all, are still worth having.
    const raw = await storage.get(BLOCK_KEY(job, h))
    if (raw === undefined) continue
    const entry = decodeSyncEntry(raw)
    if (!entry.ok) return { ok: false, reason: `saved block ${h}: ${entry.reason}` }
    const cert = decodeCertificate(entry.value.certificate)
    if (!cert.ok) return { ok: false, reason: `saved certificate ${h}: ${cert.reason}` }
    log.push({ block: entry.value.block, certificate: cert.value })
  }
  return { ok: true, value: { state: state.value, log } }
}
