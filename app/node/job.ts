/**
 * The job and its founder: the manifest fetched from the page's origin and validated, a test
 * attack refused unless the job allows it, and the founder slot claimed at the relay's genesis
 * registrar (the first node to ask founds the job; later ones learn who did).
 */
import { openJoin, sealJoin } from '../../shared/chain/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import { validateJob, type JobId, type JobManifest } from '../../shared/job/index.ts'
import type { Member } from '../../shared/node/index.ts'
import type { Height, PeerIdString, Result } from '../../shared/types/index.ts'
import type { RuntimeOptions } from './options.ts'

/** The job manifest `/jobs/<name>.json`, validated; refused with the reason. */
export async function loadJob(
  origin: string,
  options: RuntimeOptions,
): Promise<Result<JobManifest>> {
  const res = await fetch(new URL(`/jobs/${options.jobName}.json`, origin))
  if (!res.ok) return { ok: false, reason: `job ${options.jobName}: HTTP ${res.status}` }
  const parsed = validateJob(await res.json())
  if (!parsed.ok) {
    const issues = parsed.reason.map((i) => `${i.path}: ${i.message}`).join('; ')
    return { ok: false, reason: `job ${options.jobName}: ${issues}` }
  }
  const job = parsed.value
  if (options.attack !== undefined && !job.allowTestAttacks) {
    return {
      ok: false,
      reason: `attack=${options.attack} refused: job ${job.name} does not allow test attacks`,
    }
  }
  return { ok: true, value: job }
}

/** The founder of the job: recorded at the relay, or us if we are first. */
export async function claimFounder(
  origin: string,
  id: JobId,
  identity: Identity,
  peer: PeerIdString,
): Promise<Result<Member>> {
  const mine = sealJoin(identity, id, 0 as Height, peer)
  const res = await fetch(new URL(`/api/genesis/${id}`, origin), {
    method: 'POST',
    body: new Uint8Array(mine),
  })
  if (!res.ok)
    return { ok: false, reason: `genesis: relay answered ${res.status} ${await res.text()}` }
  const opened = openJoin(new Uint8Array(await res.arrayBuffer()), id)
  if (!opened.ok)
    return { ok: false, reason: `genesis: the relay's founder record is invalid: ${opened.reason}` }
  const m = opened.value.message
  return { ok: true, value: { node: m.node, publicKey: opened.value.publicKey, peer: m.peer } }
}
