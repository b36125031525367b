/** Membership questions about a certified state, asked the same way everywhere. */
import type { NodeId } from '../types/index.ts'

/** Anything that lists members by node id: a `DilocoState`, a `ChainView`, or the list itself. */
export type MemberList =
  { readonly members: readonly { readonly node: NodeId }[] } | readonly { readonly node: NodeId }[]

/** Whether `node` is one of the members of `of` (false for an unknown node). */
export function isMember(of: MemberList, node: NodeId | undefined): boolean {
  if (node === undefined) return false
  const members = 'members' in of ? of.members : of
  return members.some((m) => m.node === node)
}
