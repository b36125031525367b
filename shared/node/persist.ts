/**
 * Keeps the certified log and the latest state in a `Storage`, so a reloaded node resumes as the
 * same node at the same height (and can serve checkpoints), and reads them back.
 */
import { decodeCertificate, encodeCertificate } from '../consensus/index.ts'
import type { Storage } from '../storage/index.ts'
import type { Result } from '../types/index.ts'
import type { Application } from './application.ts'
import type { CertifiedBlock } from './swarm-node.ts'
import { decodeSyncEntry, encodeSyncEntry } from './wire.ts'

const STATE_KEY = (job: string) => `chain/${job}/state`
const BLOCK_KEY = (job: string, h: number) => `chain/${job}/block/${String(h).padStart(10, '0')}`

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
    const raw = await storage.get(BLOCK_KEY(job, h))
    if (raw === undefined) break
    const entry = decodeSyncEntry(raw)
    if (!entry.ok) return { ok: false, reason: `saved block ${h}: ${entry.reason}` }
    const cert = decodeCertificate(entry.value.certificate)
    if (!cert.ok) return { ok: false, reason: `saved certificate ${h}: ${cert.reason}` }
    log.push({ block: entry.value.block, certificate: cert.value })
  }
  return { ok: true, value: { state: state.value, log } }
}
