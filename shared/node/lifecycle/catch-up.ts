/**
 * Catch up from checkpoint sources: ask each source in turn for a checkpoint, verify it against
 * the genesis this node computed itself (`verifyCheckpoint`: the certificate chain, then the state
 * hash), and start from the first that verifies. No source is trusted: a peer and the relay's
 * archive are checked the same way, and each refusal is reported with its reason.
 */
import { verifyCheckpoint } from '../../chain/checkpoint.ts'
import type { ChainParams, DilocoState } from '../../chain/types.ts'
import { decodeCertificate, type Certificate } from '../../consensus/index.ts'
import type { Transport } from '../../transport/index.ts'
import type { AbortSignalLike } from '../../types/index.ts'
import { decodeCheckpoint } from '../checkpoint.ts'
import type { Clock } from '../clock.ts'
import { CHECKPOINT_PROTOCOL } from '../swarm-node.ts'
import { CHECKPOINT_MAX_BYTES, CHECKPOINT_RETRY_MS, CHECKPOINT_TIMEOUT_MS } from './constants.ts'
import { sleep } from './sleep.ts'

/** A checkpoint's bytes as a source served them, unverified. */
export interface ServedCheckpoint {
  /** Who served it, in words (`peer 1a2b3c4d`, `relay archive`). */
  readonly from: string
  readonly bytes: Uint8Array
}

/** Where checkpoints come from: each call yields what the source has now, best first. */
export type CheckpointSource = (options: {
  readonly signal?: AbortSignalLike
}) => AsyncIterable<ServedCheckpoint> | Iterable<ServedCheckpoint>

/** A verified checkpoint: the state S_H and the certified blocks it came with. */
export interface CaughtUp {
  readonly state: DilocoState
  readonly log: { readonly block: Uint8Array; readonly certificate: Certificate }[]
}

/** The directly connected peers, asked over `CHECKPOINT_PROTOCOL` one after another. */
export function peerCheckpoints(transport: Pick<Transport, 'peers' | 'request'>): CheckpointSource {
  return async function* ({ signal }) {
    for (const peer of transport.peers().filter((p) => p.connection === 'direct')) {
      if (signal?.aborted === true) return
      const got = await transport.request(peer.id, CHECKPOINT_PROTOCOL, new Uint8Array(0), {
        maxBytes: CHECKPOINT_MAX_BYTES,
        timeoutMs: CHECKPOINT_TIMEOUT_MS,
        ...(signal === undefined ? {} : { signal }),
      })
      if (got.ok) yield { from: `peer ${peer.id.slice(-8)}`, bytes: got.value }
    }
  }
}

/** What catch-up needs. */
export interface CatchUpComponents {
  readonly clock: Clock
  /** Asked in this order on every pass (peers first: they are current). */
  readonly sources: readonly CheckpointSource[]
  /** The genesis this node computed from the job manifest. */
  readonly genesis: DilocoState
  readonly params: Pick<ChainParams, 'silentHeights' | 'banHeights'>
  /** A served checkpoint that did not verify (or decode), and why. */
  readonly onRejected?: (from: string, reason: string) => void
}

/** Options of `catchUp`. */
export interface CatchUpOptions {
  readonly signal?: AbortSignalLike
  /** Gives up at this `clock` time (default: never). */
  readonly deadline?: number
  /** Between two passes over the sources, ms (default `CHECKPOINT_RETRY_MS`). */
  readonly retryMs?: number
}

/** Decodes and verifies one served checkpoint. */
export function checkServed(
  served: ServedCheckpoint,
  genesis: DilocoState,
  params: Pick<ChainParams, 'silentHeights' | 'banHeights'>,
): { ok: true; value: CaughtUp } | { ok: false; reason: string } {
  const cp = decodeCheckpoint(served.bytes)
  if (!cp.ok) return { ok: false, reason: cp.reason }
  const verified = verifyCheckpoint(cp.value, genesis, params)
  if (!verified.ok) return verified
  const log: { block: Uint8Array; certificate: Certificate }[] = []
  for (const e of cp.value.entries) {
    const c = decodeCertificate(e.certificate)
    if (c.ok) log.push({ block: e.block, certificate: c.value })
  }
  return { ok: true, value: { state: verified.value, log } }
}

/**
 * The first verified checkpoint any source serves, retried pass after pass; `undefined` when the
 * deadline passes or `signal` aborts first.
 */
export async function catchUp(
  components: CatchUpComponents,
  options: CatchUpOptions = {},
): Promise<CaughtUp | undefined> {
  const { clock, sources, genesis, params } = components
  const deadline = options.deadline ?? Infinity
  const signal = options.signal
  const live = () => signal?.aborted !== true && clock.now() < deadline
  while (live()) {
    for (const source of sources) {
      for await (const served of source(signal === undefined ? {} : { signal })) {
        if (!live()) return undefined
        const checked = checkServed(served, genesis, params)
        if (checked.ok) return checked.value
        components.onRejected?.(served.from, checked.reason)
      }
    }
    await sleep(clock, options.retryMs ?? CHECKPOINT_RETRY_MS, signal)
  }
  return undefined
}
