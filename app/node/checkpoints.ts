/**
 * Where the tab's node finds checkpoints: its directly connected peers first (they are current),
 * then the relay's archive (every tab may be gone). Both go through `catchUp`, which verifies
 * each one against the node's own genesis: neither is trusted.
 */
import { peerCheckpoints, type CheckpointSource } from '../../shared/node/index.ts'
import type { Transport } from '../../shared/transport/index.ts'
import type { JobId } from '../../shared/types/index.ts'

/** The relay's archived checkpoint of `job` (`GET /api/checkpoint/<job>`), if it has one. */
export function relayArchive(origin: string, job: JobId): CheckpointSource {
  return async function* ({ signal }) {
    const res = await fetch(new URL(`/api/checkpoint/${job}`, origin), {
      ...(signal === undefined ? {} : { signal: signal as AbortSignal }),
    }).catch(() => undefined)
    if (res?.ok !== true) return
    const bytes = await res.arrayBuffer().catch(() => undefined)
    if (bytes !== undefined) yield { from: 'relay archive', bytes: new Uint8Array(bytes) }
  }
}

/** The node's checkpoint sources, in the order they are asked. */
export function checkpointSources(
  transport: Pick<Transport, 'peers' | 'request'>,
  origin: string,
  job: JobId,
): CheckpointSource[] {
  return [peerCheckpoints(transport), relayArchive(origin, job)]
}
