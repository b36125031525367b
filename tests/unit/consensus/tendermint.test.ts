import { describe, expect, it } from 'vitest'
import { CommitteeSizeError } from '../../../shared/consensus/errors.ts'
import { maxFaults, quorum, skipThreshold } from '../../../shared/consensus/quorum.ts'
import { Tendermint, type Effect, type Step } from '../../../shared/consensus/tendermint.ts'
import type { VoteIn } from '../../../shared/consensus/vote-book.ts'
import type { HashHex, NodeId } from '../../../shared/types/index.ts'

const id = (i: number) => i.toString(16).padStart(64, '0') as NodeId
const value = (s: string) => s.repeat(64).slice(0, 64) as HashHex

type Ev =
  | {
      at: number
      to: number
      kind: 'proposal'
      round: number
      value: HashHex
      validRound: number
      from: number
    }
  | { at: number; to: number; kind: 'vote'; vote: VoteIn<null> }
  | { at: number; to: number; kind: 'timeout'; step: Step; round: number }

/**
 * A tiny synchronous network of n Tendermint instances for one height, with a fake clock.
 * `down` nodes neither send nor receive. `cut(a, b)` holds messages between a and b until the
 * cut is lifted: Tendermint assumes gossip that eventually delivers (the swarm node re-sends its
 * votes for that reason), so a partition delays messages rather than losing them.
 */
function setup(
  n: number,
  opts: {
    down?: number[]
    propose?: (node: number, round: number) => HashHex
    valid?: (v: HashHex) => boolean
    /** A proposer whose application fails to give a value (it proposes nothing). */
    noValue?: (node: number, round: number) => boolean
  } = {},
) {
  const members = Array.from({ length: n }, (_, i) => id(i))
  const down = new Set(opts.down ?? [])
  let cut = (_a: number, _b: number) => false
  const held: Ev[] = []
  const nodes = members.map(
    (self) => new Tendermint<null>({ self, members, proposer: (r) => members[r % n] as NodeId }),
  )
  const queue: Ev[] = []
  const decisions = new Map<number, { round: number; value: HashHex }>()
  const evidence: Array<{ node: number; first: VoteIn<null>; second: VoteIn<null> }> = []
  let now = 0
  const LATENCY = 10

  const perform = (from: number, effects: Effect<null>[]) => {
    for (const e of effects) {
      if (e.kind === 'timeout')
        queue.push({ at: now + e.delayMs, to: from, kind: 'timeout', step: e.step, round: e.round })
      else if (e.kind === 'propose') {
        if (e.validValue === null && opts.noValue?.(from, e.round) === true) continue
        const v =
          e.validValue ??
          (opts.propose ?? ((node) => value(String.fromCharCode(97 + node))))(from, e.round)
        if (e.validValue === null) perform(from, nodes[from]!.proposeValue(e.round, v))
        for (let to = 0; to < n; to++)
          if (to !== from)
            queue.push({
              at: now + LATENCY,
              to,
              kind: 'proposal',
              round: e.round,
              value: v,
              validRound: e.validRound,
              from,
            })
      } else if (e.kind === 'vote') {
        const vote: VoteIn<null> = { ...e.vote, voter: members[from] as NodeId, ref: null }
        for (let to = 0; to < n; to++)
          queue.push({ at: to === from ? now : now + LATENCY, to, kind: 'vote', vote })
      } else if (e.kind === 'decide') decisions.set(from, { round: e.round, value: e.value })
      else evidence.push({ node: from, first: e.first, second: e.second })
    }
  }
  const deliver = (ev: Ev) => {
    const node = nodes[ev.to]!
    if (ev.kind === 'timeout') return perform(ev.to, node.onTimeout(ev.step, ev.round))
    if (ev.kind === 'proposal') {
      const valid = (opts.valid ?? (() => true))(ev.value)
      return perform(
        ev.to,
        node.onProposal({
          round: ev.round,
          value: ev.value,
          validRound: ev.validRound,
          proposer: members[ev.from] as NodeId,
          valid,
        }),
      )
    }
    return perform(ev.to, node.onVote(ev.vote))
  }
  const senderOf = (ev: Ev) =>
    ev.kind === 'proposal' ? ev.from : ev.kind === 'vote' ? members.indexOf(ev.vote.voter) : ev.to
  return {
    nodes,
    members,
    decisions,
    evidence,
    inject: (to: number, vote: VoteIn<null>) => perform(to, nodes[to]!.onVote(vote)),
    setCut: (f: (a: number, b: number) => boolean) => {
      cut = f
      for (const ev of held.splice(0)) queue.push({ ...ev, at: now + LATENCY })
    },
    start: () => nodes.forEach((node, i) => !down.has(i) && perform(i, node.start())),
    runUntil: (t: number) => {
      while (queue.length > 0) {
        queue.sort((a, b) => a.at - b.at)
        const ev = queue[0]!
        if (ev.at > t) break
        queue.shift()
        now = ev.at
        const from = senderOf(ev)
        if (down.has(ev.to) || down.has(from)) continue
        if (from !== ev.to && ev.kind !== 'timeout' && cut(from, ev.to)) {
          held.push(ev)
          continue
        }
        deliver(ev)
      }
      now = t
    },
  }
}

describe('quorum', () => {
  it('is more than two thirds of the members for every n', () => {
    for (let n = 1; n <= 100; n++) {
      const q = quorum(n)
      expect(3 * q).toBeGreaterThan(2 * n)
      expect(3 * (q - 1)).toBeLessThanOrEqual(2 * n)
      // Two quorums always overlap in more than f members, so in at least one honest one.
      expect(2 * q - n).toBeGreaterThan(maxFaults(n))
    }
  })

  it('needs 5 of 6, not the 3 that "2f+1" would give', () => {
    expect(quorum(6)).toBe(5)
    expect(quorum(4)).toBe(3)
    expect(maxFaults(4)).toBe(1)
    expect(skipThreshold(4)).toBe(2)
  })

  it('refuses an empty membership with a named error', () => {
    expect(() => quorum(0)).toThrow(RangeError)
    expect(() => quorum(0)).toThrow(CommitteeSizeError)
    const members: NodeId[] = []
    expect(() => new Tendermint({ self: null, members, proposer: () => 'x' as NodeId })).toThrow(
      expect.objectContaining({ name: 'CommitteeSizeError' }),
    )
  })
})

/** Member 3 of 4, locked on value 'a' in round 0 (a quorum prevoted it; no precommits came). */
function lockedOnA(): Tendermint<null> {
  const members = [id(0), id(1), id(2), id(3)]
  const node = new Tendermint<null>({
    self: id(3),
    members,
    proposer: (r) => members[r % 4] as NodeId,
  })
  node.start()
  node.onProposal({ round: 0, value: value('a'), validRound: -1, proposer: id(0), valid: true })
  for (const v of [0, 1, 2]) {
    node.onVote({ type: 'prevote', round: 0, value: value('a'), voter: id(v), ref: null })
  }
  return node
}

describe('Tendermint', () => {
  it('decides the round-0 proposal when every member is honest and up', () => {
    const net = setup(4)
    net.start()
    net.runUntil(1_000)
    expect([...net.decisions.values()]).toEqual(Array(4).fill({ round: 0, value: value('a') }))
  })

  it('still decides with one of four members silent', () => {
    const net = setup(4, { down: [3] })
    net.start()
    net.runUntil(1_000)
    expect(net.decisions.size).toBe(3)
    expect(new Set([...net.decisions.values()].map((d) => d.value)).size).toBe(1)
  })

  it('decides in a later round when the proposer has crashed', () => {
    const net = setup(4, { down: [0] })
    net.start()
    net.runUntil(60_000)
    expect(net.decisions.size).toBe(3)
    for (const d of net.decisions.values()) expect(d).toEqual({ round: 1, value: value('b') })
  })

  it('moves on when the proposer cannot build a block, even with three members', () => {
    // With n = 3 the quorum is all three: the others' nil prevotes count only once the proposer
    // prevotes too, so a proposer stuck without a value must time out like everyone else.
    const net = setup(3, { noValue: (node, round) => node === 0 && round === 0 })
    net.start()
    net.runUntil(60_000)
    expect([...net.decisions.values()]).toEqual(Array(3).fill({ round: 1, value: value('b') }))
  })

  it('prevotes nil on an invalid block and moves on to a valid one', () => {
    const net = setup(4, { valid: (v) => v !== value('a') })
    net.start()
    net.runUntil(60_000)
    expect([...net.decisions.values()].every((d) => d.round === 1 && d.value === value('b'))).toBe(
      true,
    )
    expect(net.decisions.size).toBe(4)
  })

  it('makes no progress and no fork under a 2/2 partition, and decides once healed', () => {
    const net = setup(4)
    const side = (i: number) => (i < 2 ? 0 : 1)
    net.setCut((a, b) => side(a) !== side(b))
    net.start()
    net.runUntil(120_000)
    expect(net.decisions.size).toBe(0)
    net.setCut(() => false)
    net.runUntil(600_000)
    expect(net.decisions.size).toBe(4)
    expect(new Set([...net.decisions.values()].map((d) => d.value)).size).toBe(1)
  })

  it('reports equivocation when a member votes twice differently in one round', () => {
    const net = setup(4)
    const twoFaced = net.members[3] as NodeId
    net.inject(0, { type: 'prevote', round: 0, value: value('x'), voter: twoFaced, ref: null })
    net.inject(0, { type: 'prevote', round: 0, value: value('y'), voter: twoFaced, ref: null })
    expect(net.evidence).toHaveLength(1)
    expect(net.evidence[0]?.first.value).toBe(value('x'))
    expect(net.evidence[0]?.second.value).toBe(value('y'))
  })

  it('ignores votes from non-members and rounds out of range', () => {
    const net = setup(4)
    const node = net.nodes[0]!
    node.onVote({ type: 'prevote', round: 0, value: null, voter: id(99), ref: null })
    node.onVote({ type: 'prevote', round: 1e9, value: null, voter: id(1), ref: null })
    expect(node.votesIn('prevote', 0)).toBe(0)
  })

  it('skips to a higher round on f+1 messages from it', () => {
    const net = setup(4)
    const node = net.nodes[0]!
    node.start()
    node.onVote({ type: 'prevote', round: 5, value: null, voter: id(1), ref: null })
    expect(node.state.round).toBe(0)
    node.onVote({ type: 'prevote', round: 5, value: null, voter: id(2), ref: null })
    expect(node.state.round).toBe(5)
  })

  it('keeps a lock: a member locked on a value prevotes nil for a different fresh proposal', () => {
    const node = lockedOnA()
    expect(node.state).toMatchObject({ lockedValue: value('a'), lockedRound: 0, step: 'precommit' })
    // No precommit quorum arrives; round 1's proposer offers a different value as if fresh.
    node.onTimeout('precommit', 0)
    const effects = node.onProposal({
      round: 1,
      value: value('b'),
      validRound: -1,
      proposer: id(1),
      valid: true,
    })
    expect(effects).toContainEqual({
      kind: 'vote',
      vote: { type: 'prevote', round: 1, value: null },
    })
  })

  it('unlocks for a re-proposal backed by a quorum of prevotes from a later round', () => {
    const node = lockedOnA()
    node.onTimeout('precommit', 0)
    // Others saw a quorum for 'b' in round 1 (we missed the proposal); round 2 re-proposes it.
    for (const v of [0, 1, 2]) {
      node.onVote({ type: 'prevote', round: 1, value: value('b'), voter: id(v), ref: null })
    }
    node.onTimeout('precommit', 1)
    const effects = node.onProposal({
      round: 2,
      value: value('b'),
      validRound: 1,
      proposer: id(2),
      valid: true,
    })
    expect(effects).toContainEqual({
      kind: 'vote',
      vote: { type: 'prevote', round: 2, value: value('b') },
    })
  })
})
