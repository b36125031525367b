/**
 * A tiny replicated application for protocol tests: the state is a counter, each block adds to
 * it, and equivocation evidence carried in blocks slashes the offender's "balance". Cheap to run
 * for 100 nodes, yet it exercises the whole SwarmNode path: proposals, validation, certificates,
 * evidence, sync.
 */
import { verifyEvidence, encodeEvidence, decodeEvidence } from '../../../shared/consensus/index.ts'
import type { Certificate } from '../../../shared/consensus/index.ts'
import { sha256Hex } from '../../../shared/crypto/index.ts'
import type { Application, ChainView, Member } from '../../../shared/node/application.ts'
import { ByteReader, ByteWriter } from '../../../shared/protocol/index.ts'
import type { HashHex, Height, JobId, NodeId, Result } from '../../../shared/types/index.ts'

/** The counter's state. */
export interface CounterState {
  readonly height: Height
  readonly value: number
  readonly blockHash: HashHex
  readonly members: readonly Member[]
  /** Balance per member; equivocators lose half. */
  readonly balances: ReadonlyMap<NodeId, number>
}

interface Block {
  readonly height: number
  readonly prev: HashHex
  readonly add: number
  readonly evidence: readonly Uint8Array[]
}

const ZERO = '0'.repeat(64) as HashHex

function encodeBlock(b: Block): Uint8Array {
  const w = new ByteWriter()
    .varuint(b.height)
    .text(b.prev)
    .varuint(b.add)
    .varuint(b.evidence.length)
  for (const e of b.evidence) w.bytes(e)
  return w.finish()
}

function decodeBlock(bytes: Uint8Array): Result<Block> {
  try {
    const r = new ByteReader(bytes)
    const height = r.varuint()
    const prev = r.text(64) as HashHex
    const add = r.varuint()
    const n = r.varuint(64)
    const evidence: Uint8Array[] = []
    for (let i = 0; i < n; i++) evidence.push(r.bytes(200_000).slice())
    r.end()
    return { ok: true, value: { height, prev, add, evidence } }
  } catch (err) {
    return { ok: false, reason: (err as Error).message }
  }
}

/** The genesis state for `members`, each with 100 units. */
export function counterGenesis(members: readonly Member[]): CounterState {
  const sorted = [...members].sort((a, b) => (a.node < b.node ? -1 : 1))
  return {
    height: 0 as Height,
    value: 0,
    blockHash: ZERO,
    members: sorted,
    balances: new Map(sorted.map((m) => [m.node, 100])),
  }
}

/** Options of the counter app at one node. */
export interface CounterOptions {
  readonly job: JobId
  /** Propose blocks that break the rules (a Byzantine proposer). */
  readonly badProposals?: boolean
  /** How long a proposer waits before proposing, as if collecting updates (default 1 s). */
  readonly collectMs?: number
}

/** The counter application. */
export function counterApp(
  options: CounterOptions,
): Application<CounterState> & { pendingEvidence: Uint8Array[] } {
  const keysOf = (s: CounterState) => new Map(s.members.map((m) => [m.node, m.publicKey] as const))
  const pendingEvidence: Uint8Array[] = []
  const validEvidence = (s: CounterState, bytes: Uint8Array): NodeId | undefined => {
    const pair = decodeEvidence(bytes)
    if (!pair.ok) return undefined
    const v = verifyEvidence(pair.value[0], pair.value[1], options.job, keysOf(s))
    return v.ok ? v.value.node : undefined
  }
  const stateHash = (s: CounterState) => {
    const w = new ByteWriter().varuint(s.height).varuint(s.value).text(s.blockHash)
    for (const m of s.members) w.text(m.node).varuint(s.balances.get(m.node) ?? 0)
    return sha256Hex(w.finish())
  }
  return {
    pendingEvidence,
    view(s): ChainView {
      return {
        height: s.height,
        stateHash: stateHash(s),
        blockHash: s.blockHash,
        members: s.members,
      }
    },
    beginHeight() {},
    async proposeBlock(s, ctx) {
      await new Promise<void>((resolve) =>
        ctx.clock.setTimeout(resolve, options.collectMs ?? 1_000),
      )
      const evidence = pendingEvidence.filter((e) => validEvidence(s, e) !== undefined).slice(0, 8)
      const block =
        options.badProposals === true
          ? { height: s.height + 7, prev: ZERO, add: 1, evidence: [] }
          : { height: s.height + 1, prev: s.blockHash, add: 1 + (s.height % 3), evidence }
      return encodeBlock(block)
    },
    validateBlock(s, bytes) {
      const b = decodeBlock(bytes)
      if (!b.ok) return Promise.resolve(b)
      if (b.value.height !== s.height + 1)
        return Promise.resolve({ ok: false, reason: 'wrong height' })
      if (b.value.prev !== s.blockHash)
        return Promise.resolve({ ok: false, reason: 'wrong previous block' })
      if (b.value.add > 100) return Promise.resolve({ ok: false, reason: 'add too large' })
      for (const e of b.value.evidence) {
        if (validEvidence(s, e) === undefined)
          return Promise.resolve({ ok: false, reason: 'bad evidence' })
      }
      return Promise.resolve({ ok: true, value: undefined })
    },
    applyBlock(s, bytes, _cert: Certificate) {
      const b = decodeBlock(bytes)
      if (!b.ok) return Promise.reject(new Error(b.reason))
      const balances = new Map(s.balances)
      const slashed = new Set<NodeId>()
      for (const e of b.value.evidence) {
        const node = validEvidence(s, e)
        if (node !== undefined) slashed.add(node)
      }
      for (const node of [...slashed].sort())
        balances.set(node, Math.floor((balances.get(node) ?? 0) / 2))
      // Evidence that made it into a block is not proposed again.
      for (let i = pendingEvidence.length - 1; i >= 0; i--) {
        const node = validEvidence(s, pendingEvidence[i] as Uint8Array)
        if (node === undefined || slashed.has(node)) pendingEvidence.splice(i, 1)
      }
      return Promise.resolve({
        height: (s.height + 1) as Height,
        value: s.value + b.value.add,
        blockHash: sha256Hex(bytes),
        members: s.members,
        balances,
      })
    },
    onMessage() {},
    onEvidence(s, first, second) {
      const bytes = encodeEvidence(first, second)
      const node = validEvidence(s, bytes)
      if (node === undefined) return
      const already = pendingEvidence.some((e) => validEvidence(s, e) === node)
      if (!already) pendingEvidence.push(bytes)
    },
    encodeState(s) {
      return new ByteWriter().varuint(s.height).varuint(s.value).text(s.blockHash).finish()
    },
    decodeState() {
      return { ok: false, reason: 'the counter app does not restore from bytes' }
    },
  }
}
