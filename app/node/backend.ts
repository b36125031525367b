/**
 * Moving the trainer to another backend between rounds (the autonomy loop asks for it). The
 * worker re-initialises on its cached data; its inner optimizer state starts afresh.
 */
import type { BackendChoice } from '../../shared/autonomy/index.ts'
import type { JobManifest } from '../../shared/job/index.ts'
import { NotReadyError } from '../../shared/node/errors.ts'
import type { BackendSummary } from '../state/types.ts'
import type { TrainerClient } from './trainer-client.ts'

/** What a backend switch needs; `loaded`: the trainer reported its first backend. */
export interface BackendParts {
  readonly trainer: TrainerClient | undefined
  readonly job: JobManifest | undefined
  readonly origin: string | undefined
  readonly loaded: boolean
  /** A round is training now. */
  readonly busy: boolean
}

/**
 * Re-initialises the trainer on `backend` (`auto`: measure again and choose); refused with a
 * `NotReadyError` while it loads or a round trains (so it never waits on a paused round).
 */
export async function switchBackend(
  parts: BackendParts,
  backend: BackendChoice,
): Promise<BackendSummary> {
  const { trainer, job, origin } = parts
  if (trainer === undefined || job === undefined || !parts.loaded)
    throw new NotReadyError('the trainer is still loading; the backend can change once it runs')
  if (parts.busy) throw new NotReadyError('a round is training; the backend changes between rounds')
  const report = await trainer.init(job, {
    ...(origin === undefined ? {} : { baseUrl: origin }),
    ...(backend === 'auto' ? {} : { backend }),
  })
  return { chosen: report.backend.chosen, reason: report.backend.reason }
}
