/**
 * The relay's archive of certified checkpoints, so a tab that opens when no other tab is online
 * (or none answers) can still catch up, and the log survives every tab closing.
 *
 * @remarks
 * The relay does not train or vote. Every `intervalMs` it asks a connected tab of each job it
 * knows (from the genesis registrar) for its checkpoint, verifies it exactly as a joining tab
 * would — certificates against the replayed membership from the registered founder, the block
 * chain, the state hash — and keeps the highest verified one on disk. It serves it at
 * `GET /api/checkpoint/<job>` and on the `checkpoint` request protocol. Tabs verify it again:
 * the relay is not trusted for integrity.
 *
 * A tab's answer is capped by what the job's checkpoint can hold near the archived height
 * (`checkpoint-cap.ts`): a larger one is refused from its length prefix, before it is buffered.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  decodeState,
  genesisState,
  openJoin,
  verifyCheckpoint,
  type DilocoState,
} from '../shared/chain/index.ts'
import { initialWeights } from '../shared/model/index.ts'
import {
  CHECKPOINT_PROTOCOL,
  SYNC_PROTOCOL,
  decodeCheckpoint,
  encodeHeight,
} from '../shared/node/index.ts'
import type { JobId } from '../shared/types/index.ts'
import { INITIAL_LOOKAHEAD, checkpointCap } from './checkpoint-cap.ts'
import { writeFileAtomic } from './files.ts'
import type { GenesisRegistry } from './genesis.ts'
import type { ServedJob, ServedJobs } from './jobs.ts'

/** How the archive reaches tabs: their peer ids, and a request to one. */
export interface ArchiveNetwork {
  peers(): string[]
  request(
    peer: string,
    protocol: string,
    data: Uint8Array,
    maxBytes: number,
  ): Promise<Uint8Array | undefined>
}

/** A probe answer is one certified block; a miss is the usual answer. */
const MAX_PROBE_BYTES = 64 * 1024 * 1024

/** An archived checkpoint: its bytes, its height and the members of its state. */
interface Entry {
  readonly height: number
  readonly members: number
  readonly bytes: Uint8Array
}

/** Checkpoints per job, verified, on disk. */
export class CheckpointArchive {
  readonly #dir: string
  readonly #jobs: ServedJobs
  readonly #genesis: GenesisRegistry
  readonly #latest = new Map<string, Entry>()
  /** Heights allowed past the archived one, per job; doubled by each failed fetch. */
  readonly #lookahead = new Map<string, number>()
  /** Counters for `/metrics`. */
  readonly counts = { stored: 0, refused: 0, unchanged: 0, probes: 0, failed: 0 }
  lastRefusal = ''

  constructor(dataDir: string, jobs: ServedJobs, genesis: GenesisRegistry) {
    this.#dir = join(dataDir, 'checkpoints')
    this.#jobs = jobs
    this.#genesis = genesis
  }

  /**
   * The most bytes the archive takes for a checkpoint of `job` now: what the job's checkpoint
   * can hold up to the lookahead past the archived height (0 for a job it does not serve).
   */
  async maxCheckpointBytes(job: string): Promise<number> {
    const info = await this.#jobs.get(job)
    if (info === undefined) return 0
    const known = (await this.latestEntry(job)) ?? { height: 0, members: 1 }
    return checkpointCap(info.manifest, known, this.#lookahead.get(job) ?? INITIAL_LOOKAHEAD)
  }

  /** The newest verified checkpoint of `job`. */
  async latest(job: string): Promise<Uint8Array | undefined> {
    return (await this.latestEntry(job))?.bytes
  }

  /**
   * The newest verified checkpoint of `job` with its height (the number of certified blocks it
   * carries). A kept file that no longer decodes (a damaged disk) is not served.
   */
  async latestEntry(job: string): Promise<Entry | undefined> {
    const cached = this.#latest.get(job)
    if (cached !== undefined) return cached
    if (!/^[0-9a-f]{64}$/.test(job)) return undefined
    try {
      const bytes = new Uint8Array(await readFile(join(this.#dir, `${job}.checkpoint`)))
      const cp = decodeCheckpoint(bytes)
      const state = cp.ok ? decodeState(cp.value.state) : undefined
      if (!cp.ok || state?.ok !== true) return undefined
      const entry = { height: cp.value.entries.length, members: state.value.members.length, bytes }
      this.#latest.set(job, entry)
      return entry
    } catch {
      return undefined
    }
  }

  /** The genesis a tab of `job` builds: θ_0 from the manifest, the registered founder. */
  async #genesisOf(info: ServedJob): Promise<DilocoState | undefined> {
    const join = await this.#genesis.get(info.id)
    if (join === undefined) return undefined
    const opened = openJoin(join, info.id)
    if (!opened.ok) return undefined
    const m = opened.value.message
    const theta0 = initialWeights(info.manifest.model, info.manifest.seed)
    return genesisState(info.id, theta0, [
      { node: m.node, publicKey: opened.value.publicKey, peer: m.peer },
    ])
  }

  /** Offers a checkpoint: stored if it verifies and is newer than the one kept. */
  async offer(job: JobId, bytes: Uint8Array): Promise<'stored' | 'unchanged' | 'refused'> {
    const info = await this.#jobs.get(job)
    const genesis = info === undefined ? undefined : await this.#genesisOf(info)
    const cp = decodeCheckpoint(bytes)
    if (info === undefined || genesis === undefined || !cp.ok) {
      this.counts.refused++
      this.lastRefusal =
        info === undefined ? 'unknown job' : genesis === undefined ? 'no genesis' : 'malformed'
      return 'refused'
    }
    const height = cp.value.entries.length
    // The kept checkpoint is loaded from disk on first use.
    const current = (await this.latestEntry(job))?.height ?? 0
    if (height <= current) {
      this.counts.unchanged++
      return 'unchanged'
    }
    const rules = {
      silentHeights: info.manifest.rewards.silentHeightsBeforeEviction,
      banHeights: info.manifest.rewards.evictionHeights,
    }
    const verified = verifyCheckpoint(cp.value, genesis, rules)
    if (!verified.ok) {
      this.counts.refused++
      this.lastRefusal = verified.reason
      return 'refused'
    }
    await writeFileAtomic(join(this.#dir, `${job}.checkpoint`), bytes)
    this.#latest.set(job, { height, members: verified.value.members.length, bytes })
    this.#lookahead.delete(job)
    this.counts.stored++
    return 'stored'
  }

  /** Asks each connected tab in turn for checkpoints of every registered job. */
  async poll(net: ArchiveNetwork): Promise<void> {
    const jobs = await this.#jobs.list()
    const peers = net.peers()
    if (peers.length === 0) return
    for (const info of jobs) {
      if ((await this.#genesis.get(info.id)) === undefined) continue
      const peer = peers[Math.floor(Math.random() * peers.length)] as string
      // A whole checkpoint costs the tab an encoding and the link megabytes: first ask for the
      // block after ours, and skip the tab when it has none (nothing new since the last poll).
      const next = ((await this.latestEntry(info.id))?.height ?? 0) + 1
      this.counts.probes++
      const probe = await net.request(peer, SYNC_PROTOCOL, encodeHeight(next), MAX_PROBE_BYTES)
      if (probe === undefined) continue
      const max = await this.maxCheckpointBytes(info.id)
      const bytes = await net.request(peer, CHECKPOINT_PROTOCOL, new Uint8Array(0), max)
      if (bytes !== undefined) {
        await this.offer(info.id, bytes)
        continue
      }
      // The tab has a newer block but no checkpoint came within the cap (too large, or it failed):
      // allow twice the heights next time, so a swarm far ahead is caught up in a few polls.
      this.counts.failed++
      const lookahead = this.#lookahead.get(info.id) ?? INITIAL_LOOKAHEAD
      this.#lookahead.set(info.id, Math.min(lookahead * 2, 1 << 24))
    }
  }
}
