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
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  genesisState,
  openJoin,
  verifyCheckpoint,
  type DilocoState,
} from '../shared/chain/index.ts'
import { jobId as jobIdOf, validateJob, type JobManifest } from '../shared/job/index.ts'
import { initialWeights } from '../shared/model/index.ts'
import {
  CHECKPOINT_PROTOCOL,
  SYNC_PROTOCOL,
  decodeCheckpoint,
  encodeHeight,
} from '../shared/node/index.ts'
import type { JobId } from '../shared/types/index.ts'
import { writeFileAtomic } from './files.ts'
import type { GenesisRegistry } from './genesis.ts'

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

interface JobInfo {
  readonly manifest: JobManifest
  readonly id: JobId
}

const MAX_CHECKPOINT_BYTES = 512 * 1024 * 1024
/** A probe answer is one certified block; a miss is the usual answer. */
const MAX_PROBE_BYTES = 64 * 1024 * 1024

/** Checkpoints per job, verified, on disk. */
export class CheckpointArchive {
  readonly #dir: string
  readonly #staticDir: string
  readonly #genesis: GenesisRegistry
  readonly #latest = new Map<string, { height: number; bytes: Uint8Array }>()
  #jobs: JobInfo[] | undefined
  /** Counters for `/metrics`. */
  readonly counts = { stored: 0, refused: 0, unchanged: 0, probes: 0 }
  lastRefusal = ''

  constructor(dataDir: string, staticDir: string, genesis: GenesisRegistry) {
    this.#dir = join(dataDir, 'checkpoints')
    this.#staticDir = staticDir
    this.#genesis = genesis
  }

  /** Loads the job manifests the relay serves. */
  async #loadJobs(): Promise<JobInfo[]> {
    if (this.#jobs !== undefined) return this.#jobs
    const dir = join(this.#staticDir, 'jobs')
    const jobs: JobInfo[] = []
    for (const file of await readdir(dir).catch(() => [] as string[])) {
      if (!file.endsWith('.json')) continue
      const parsed = validateJob(JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown)
      if (parsed.ok) jobs.push({ manifest: parsed.value, id: jobIdOf(parsed.value) })
    }
    return (this.#jobs = jobs)
  }

  /** The newest verified checkpoint of `job`. */
  async latest(job: string): Promise<Uint8Array | undefined> {
    return (await this.latestEntry(job))?.bytes
  }

  /**
   * The newest verified checkpoint of `job` with its height (the number of certified blocks it
   * carries). A kept file that no longer decodes (a damaged disk) is not served.
   */
  async latestEntry(job: string): Promise<{ height: number; bytes: Uint8Array } | undefined> {
    const cached = this.#latest.get(job)
    if (cached !== undefined) return cached
    if (!/^[0-9a-f]{64}$/.test(job)) return undefined
    try {
      const bytes = new Uint8Array(await readFile(join(this.#dir, `${job}.checkpoint`)))
      const cp = decodeCheckpoint(bytes)
      if (!cp.ok) return undefined
      const entry = { height: cp.value.entries.length, bytes }
      this.#latest.set(job, entry)
      return entry
    } catch {
      return undefined
    }
  }

  /** The genesis a tab of `job` builds: θ_0 from the manifest, the registered founder. */
  async #genesisOf(info: JobInfo): Promise<DilocoState | undefined> {
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
    const info = (await this.#loadJobs()).find((j) => j.id === job)
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
    this.#latest.set(job, { height, bytes })
    this.counts.stored++
    return 'stored'
  }

  /** Asks each connected tab in turn for checkpoints of every registered job. */
  async poll(net: ArchiveNetwork): Promise<void> {
    const jobs = await this.#loadJobs()
    const peers = net.peers()
    if (peers.length === 0) return
    for (const info of jobs) {
      if ((await this.#genesis.get(info.id)) === undefined) continue
      const peer = peers[Math.floor(Math.random() * peers.length)] as string
      // A whole checkpoint costs the tab an encoding and the link megabytes: first ask for the
      // block after ours, and skip the tab when it has none (nothing new since the last poll).
      const next = (this.#latest.get(info.id)?.height ?? 0) + 1
      this.counts.probes++
      const probe = await net.request(peer, SYNC_PROTOCOL, encodeHeight(next), MAX_PROBE_BYTES)
      if (probe === undefined) continue
      const bytes = await net.request(
        peer,
        CHECKPOINT_PROTOCOL,
        new Uint8Array(0),
        MAX_CHECKPOINT_BYTES,
      )
      if (bytes !== undefined) await this.offer(info.id, bytes)
    }
  }
}
