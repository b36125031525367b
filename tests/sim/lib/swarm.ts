/**
 * Builds a simulated swarm: n identities, a network, one `SwarmNode` each, all on one scheduler.
 */
import type { ConsensusMessage, Timeouts } from '../../../shared/consensus/index.ts'
import { identityFromSeeds, type Identity } from '../../../shared/crypto/index.ts'
import type { Application, Member } from '../../../shared/node/application.ts'
import type { NodeEvent } from '../../../shared/node/events.ts'
import type { Misbehaviour } from '../../../shared/node/outbound.ts'
import { SwarmNode } from '../../../shared/node/swarm-node.ts'
import type { OpenedMessage } from '../../../shared/protocol/index.ts'
import type { HashHex, JobId } from '../../../shared/types/index.ts'
import { SimNetwork, simPeerId, type LinkConditions, type SimTransport } from './network.ts'
import { Scheduler } from './scheduler.ts'

/** A deterministic identity for simulated node `i` of run `seed`. */
export function simIdentity(seed: number, i: number): Identity {
  const dsa = new Uint8Array(32)
  const kem = new Uint8Array(64)
  new DataView(dsa.buffer).setUint32(0, seed)
  new DataView(dsa.buffer).setUint32(4, i)
  kem.set(dsa)
  kem[63] = 1
  return identityFromSeeds(dsa, kem)
}

/** Options of a simulated swarm. */
export interface SwarmOptions<S> {
  readonly n: number
  readonly seed: number
  readonly job: JobId
  readonly conditions?: LinkConditions
  readonly timeouts?: Timeouts
  readonly resendMs?: number
  readonly misbehave?: Readonly<Record<number, Misbehaviour>>
  /** The genesis state from the members. */
  readonly genesis: (members: Member[]) => S
  /** The application of node `i`. */
  readonly app: (i: number, ctx: { identity: Identity; clock: Scheduler }) => Application<S>
  /** How many of the n are members at genesis (default all); the rest start as observers. */
  readonly genesisMembers?: number
}

/** A running simulated swarm. */
export interface Swarm<S> {
  readonly clock: Scheduler
  readonly net: SimNetwork
  readonly nodes: SwarmNode<S>[]
  readonly transports: SimTransport[]
  readonly identities: Identity[]
  readonly members: Member[]
  /** Events per node, in order. */
  readonly events: NodeEvent[][]
  /** State hash per node per committed height. */
  readonly hashes: Map<number, HashHex>[]
  start(indices?: readonly number[]): void
}

/** Creates the swarm (nodes are not started). */
export function createSwarm<S>(o: SwarmOptions<S>): Swarm<S> {
  const clock = new Scheduler()
  const net = new SimNetwork(
    clock,
    o.conditions ?? { latencyMs: 50, jitterMs: 10, loss: 0 },
    o.seed,
  )
  const identities = Array.from({ length: o.n }, (_, i) => simIdentity(o.seed, i))
  const peers = identities.map((_, i) => simPeerId(i))
  const members: Member[] = identities.map((id, i) => ({
    node: id.nodeId,
    publicKey: id.publicKey,
    peer: peers[i]!,
  }))
  const genesis = o.genesis(members.slice(0, o.genesisMembers ?? o.n))
  const openCache = new Map<string, OpenedMessage<ConsensusMessage>>()
  const events: NodeEvent[][] = identities.map(() => [])
  const hashes: Map<number, HashHex>[] = identities.map(() => new Map<number, HashHex>())
  const transports = peers.map((p) => net.endpoint(p))
  const nodes = identities.map((identity, i) => {
    const node = new SwarmNode<S>({
      job: o.job,
      identity,
      transport: transports[i]!,
      clock,
      app: o.app(i, { identity, clock }),
      state: genesis,
      openCache,
      ...(o.timeouts === undefined ? {} : { timeouts: o.timeouts }),
      ...(o.resendMs === undefined ? {} : { resendMs: o.resendMs }),
      ...(o.misbehave?.[i] === undefined ? {} : { misbehave: o.misbehave[i] }),
    })
    node.on((e) => {
      events[i]!.push(e)
      if (e.type === 'committed') hashes[i]!.set(e.height, e.stateHash)
    })
    return node
  })
  return {
    clock,
    net,
    nodes,
    transports,
    identities,
    members,
    events,
    hashes,
    start: (indices) => (indices ?? nodes.map((_, i) => i)).forEach((i) => nodes[i]!.start()),
  }
}

/** The committed height of every listed node. */
export function heights<S>(swarm: Swarm<S>, indices: readonly number[]): number[] {
  return indices.map((i) => swarm.nodes[i]!.view.height)
}

/** Asserts-by-return: every height committed by two listed nodes has the same state hash. */
export function disagreements<S>(swarm: Swarm<S>, indices: readonly number[]): string[] {
  const out: string[] = []
  const all = new Set<number>()
  for (const i of indices) for (const h of swarm.hashes[i]!.keys()) all.add(h)
  for (const h of all) {
    const seen = new Set(indices.map((i) => swarm.hashes[i]!.get(h)).filter((x) => x !== undefined))
    if (seen.size > 1) out.push(`height ${h}: ${seen.size} different state hashes`)
  }
  return out
}
