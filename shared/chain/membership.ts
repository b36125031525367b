/**
 * Membership rules, shared by the full transition and by checkpoint verification (which replays
 * membership from block headers without payloads): who was seen, who is evicted (slashed, or
 * silent for `silentHeights`), who is banned, who joins. Changes take effect at the next height.
 */
import type { Height, NodeId } from '../types/index.ts'
import type { ChainMember } from './types.ts'

/** The membership part of a state. */
export interface MembershipState {
  readonly members: readonly ChainMember[]
  readonly banned: ReadonlyMap<NodeId, Height>
}

/** What a block says about membership. */
export interface MembershipInput {
  /** Nodes with an included update or a vote in the last commit. */
  readonly seen: Iterable<NodeId>
  readonly slashed: Iterable<NodeId>
  readonly joins: readonly ChainMember[]
  /** Members that asked to leave (removed, not banned: they may join again). */
  readonly leaves?: Iterable<NodeId>
}

/** The membership after height `h`, and who left. */
export function nextMembership(
  s: MembershipState,
  h: Height,
  input: MembershipInput,
  rules: { readonly silentHeights: number; readonly banHeights: number },
): MembershipState & { readonly evicted: readonly NodeId[] } {
  const seen = new Set(input.seen)
  const slashed = new Set(input.slashed)
  const leaving = new Set(input.leaves ?? [])
  const banned = new Map(s.banned)
  for (const [node, until] of banned) if (until <= h) banned.delete(node)
  for (const node of slashed) banned.set(node, (h + rules.banHeights) as Height)
  const updated = s.members.map((m) => (seen.has(m.node) ? { ...m, lastSeen: h } : m))
  const silent = (m: ChainMember) => h - m.lastSeen >= rules.silentHeights
  let kept = updated.filter((m) => !slashed.has(m.node) && !silent(m) && !leaving.has(m.node))
  // Never evict everyone: a swarm that went quiet keeps its members until it wakes up.
  if (kept.length === 0) kept = updated.filter((m) => !slashed.has(m.node))
  if (kept.length === 0) kept = updated
  const keptIds = new Set(kept.map((m) => m.node))
  const evicted = s.members.filter((m) => !keptIds.has(m.node)).map((m) => m.node)
  for (const j of input.joins) {
    if (keptIds.has(j.node) || banned.has(j.node)) continue
    kept.push({ ...j, since: (h + 1) as Height, lastSeen: h })
    keptIds.add(j.node)
  }
  kept.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))
  return { members: kept, banned, evicted }
}
