/**
 * The hooks of a test attacker's updates (`UpdateAttack`) and the view of the height it crafts
 * them from. The attacks themselves are in `test-attacks.ts`.
 */
import type { AppContext } from '../node/application.ts'
import { decodeVector } from '../training/compress/index.ts'
import type { Height, NodeId } from '../types/index.ts'
import type { PayloadStore } from './payload-store.ts'
import type { DilocoState } from './types.ts'
import { byNode, type HeightUpdates } from './updates.ts'

/** What a test attacker sees of the height while it crafts its update. */
export interface AttackView {
  readonly height: Height
  /** The members of the height (the attacker among them). */
  readonly members: number
  /** The clock time at which a proposer stops collecting updates for this height. */
  readonly collectDeadline: number
  /** The other members' update vectors of this height that are here so far, by node id. */
  others(): Float32Array[]
  /** Resolves once every other member's update is here, or at clock time `until`. */
  waitForOthers(until: number): Promise<void>
}

/**
 * Test-only misbehaviour of a member's updates (a job must allow test attacks). Consensus never
 * calls these: they change only what this node sends, which honest nodes judge like any input.
 */
export interface UpdateAttack {
  /** The vector sent instead of the honest Δ (it may wait for the others' updates first). */
  readonly delta?: (honest: Float32Array, view: AttackView) => Float32Array | Promise<Float32Array>
  /** Rewrites the sealed update before it is published and proposed (e.g. breaks its signature). */
  readonly envelope?: (sealed: Uint8Array) => Uint8Array
}

const ATTACK_POLL_MS = 200

/** What the attacker `me` sees of the height after `s` (collecting ends at `collectDeadline`). */
export function attackView(
  s: DilocoState,
  ctx: AppContext,
  at: {
    readonly me: NodeId
    readonly dimension: number
    readonly collectDeadline: number
    readonly updates: HeightUpdates
    readonly payloads: PayloadStore
  },
): AttackView {
  const arrived = () =>
    at.updates
      .values()
      .filter((x) => x.message.node !== at.me && at.payloads.has(x.message.payloadHash))
      .sort((a, b) => byNode(a.message, b.message))
  const others = () =>
    arrived().flatMap(({ message }) => {
      const bytes = at.payloads.get(message.payloadHash) as Uint8Array
      const v = decodeVector(bytes, { dimension: at.dimension })
      return v.ok ? [v.value.vector] : []
    })
  return {
    height: (s.height + 1) as Height,
    members: s.members.length,
    collectDeadline: at.collectDeadline,
    others,
    waitForOthers: async (until) => {
      while (
        arrived().length < s.members.length - 1 &&
        ctx.clock.now() < until &&
        !ctx.signal.aborted
      ) {
        await new Promise<void>((resolve) =>
          ctx.clock.setTimeout(
            resolve,
            Math.max(1, Math.min(ATTACK_POLL_MS, until - ctx.clock.now())),
          ),
        )
      }
    },
  }
}
