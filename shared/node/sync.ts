/**
 * The sync protocol: a node serves the certified blocks it holds by height, and a node that sees
 * the swarm ahead of it fetches the blocks it lacks, checks each certificate against the members
 * it knows, and commits them in order.
 */
import {
  decodeCertificate,
  encodeCertificate,
  verifyCertificate,
} from '../consensus/certificate.ts'
import type { Certificate } from '../consensus/certificate.ts'
import { sha256Hex } from '../crypto/index.ts'
import type { Transport } from '../transport/index.ts'
import type { JobId, PeerIdString } from '../types/index.ts'
import type { ChainView } from './application.ts'
import type { CertifiedLog } from './certified.ts'
import type { NodeEvent } from './events.ts'
import type { HeightRun } from './height-run.ts'
import { decodeHeight, decodeSyncEntry, encodeHeight, encodeSyncEntry } from './wire.ts'

/** The request protocol that serves one certified block by height (`encodeHeight`). */
export const SYNC_PROTOCOL = 'sync'
const MAX_SYNC_ANSWER = 16 * 1024 * 1024
const SYNC_TIMEOUT_MS = 10_000

/** The answer to a sync request: the certified block of the height asked for, if held. */
export function serveSync(log: CertifiedLog, request: Uint8Array): Uint8Array | undefined {
  const h = decodeHeight(request)
  if (!h.ok) return undefined
  const entry = log.get(h.value)
  if (entry === undefined) return undefined
  return encodeSyncEntry({ block: entry.block, certificate: encodeCertificate(entry.certificate) })
}

/** What fetching blocks needs of the node. */
export interface SyncHost {
  readonly job: JobId
  readonly transport: Transport
  /** The latest certified view. */
  view(): ChainView
  /** Whether the node stopped. */
  stopped(): boolean
  /** The height in progress. */
  run(): HeightRun | undefined
  /** Applies a certified block as the decision of `run`. */
  commit(run: HeightRun, block: Uint8Array, certificate: Certificate): Promise<void>
  reject(reason: string, from: string): void
  emit(e: NodeEvent): void
}

/** Catches a node up from a peer, one sync at a time. */
export class BlockSync {
  readonly #host: SyncHost
  #syncing = false

  constructor(host: SyncHost) {
    this.#host = host
  }

  /** Fetches and applies certified blocks from `peer` until it has no more. */
  async from(peer: PeerIdString): Promise<void> {
    const host = this.#host
    if (this.#syncing || host.stopped()) return
    this.#syncing = true
    try {
      for (;;) {
        const want = host.view().height + 1
        // The request belongs to the height it asks for: once that height ends (decided here
        // meanwhile, or the node stopped), its signal aborts it.
        const signal = host.run()?.abort.signal
        if (signal === undefined || signal.aborted) return
        const answer = await host.transport.request(peer, SYNC_PROTOCOL, encodeHeight(want), {
          maxBytes: MAX_SYNC_ANSWER,
          timeoutMs: SYNC_TIMEOUT_MS,
          signal,
        })
        if (!answer.ok || host.stopped() || host.view().height + 1 !== want) return
        const entry = decodeSyncEntry(answer.value)
        if (!entry.ok) return host.reject(`sync: ${entry.reason}`, peer)
        const cert = decodeCertificate(entry.value.certificate)
        if (!cert.ok) return host.reject(`sync: ${cert.reason}`, peer)
        const c = cert.value
        if (c.height !== want || sha256Hex(entry.value.block) !== c.block)
          return host.reject('sync: block and certificate disagree', peer)
        const keys = new Map(host.view().members.map((m) => [m.node, m.publicKey] as const))
        const verified = verifyCertificate(c, host.job, keys)
        if (!verified.ok) return host.reject(`sync: ${verified.reason}`, peer)
        const run = host.run()
        if (run === undefined) return
        run.decided = true
        await host.commit(run, entry.value.block, c)
        host.emit({ type: 'synced', height: c.height, from: peer })
      }
    } finally {
      this.#syncing = false
    }
  }
}
