/** The consensus slice: folds a `SwarmNode`'s events into height, round, votes and certificates. */
import { quorum } from '../../shared/consensus/index.ts'
import type { NodeEvent } from '../../shared/node/index.ts'
import { MAX_CERTIFICATES, MAX_EVIDENCE, MAX_TIMELINE } from './constants.ts'
import type { ConsensusState, HeightRecord } from './types.ts'

/** Consensus before the node has said anything. */
export const INITIAL_CONSENSUS: ConsensusState = {
  height: undefined,
  members: 0,
  round: 0,
  phase: undefined,
  proposer: undefined,
  proposal: undefined,
  prevotes: 0,
  precommits: 0,
  quorum: 0,
  committedHeight: 0,
  certificates: [],
  timeline: [],
  evidence: [],
  rejected: { total: 0, last: undefined },
}

const blankRecord = (height: number): HeightRecord => ({
  height,
  members: 0,
  startedAt: undefined,
  committedAt: undefined,
  rounds: 0,
  outcome: 'pending',
  invalidProposals: 0,
  evidence: 0,
})

/** Changes the timeline record of `height` (creating it), keeping heights sorted and bounded. */
function touch(
  timeline: readonly HeightRecord[],
  height: number,
  change: (r: HeightRecord) => HeightRecord,
): readonly HeightRecord[] {
  const i = timeline.findIndex((r) => r.height === height)
  if (i >= 0) return timeline.map((r, k) => (k === i ? change(r) : r))
  const next = [...timeline, change(blankRecord(height))].sort((a, b) => a.height - b.height)
  return next.slice(-MAX_TIMELINE)
}

/** The next consensus slice after `e` (the same object when nothing visible changed). */
export function reduceConsensus(s: ConsensusState, e: NodeEvent): ConsensusState {
  switch (e.type) {
    case 'height-started':
      return {
        ...s,
        height: e.height,
        members: e.members,
        round: 0,
        phase: undefined,
        proposer: undefined,
        proposal: undefined,
        prevotes: 0,
        precommits: 0,
        quorum: e.members > 0 ? quorum(e.members) : 0,
        timeline: touch(s.timeline, e.height, (r) => ({
          ...r,
          members: e.members,
          startedAt: e.at,
        })),
      }
    case 'round': {
      if (e.height !== s.height) return s
      if (e.round === s.round && e.phase === s.phase && e.proposer === s.proposer) return s
      const newRound = e.round !== s.round
      return {
        ...s,
        round: e.round,
        phase: e.phase,
        proposer: e.proposer,
        ...(newRound ? { proposal: undefined, prevotes: 0, precommits: 0 } : {}),
        timeline: touch(s.timeline, e.height, (r) => ({
          ...r,
          rounds: Math.max(r.rounds, e.round),
        })),
      }
    }
    case 'proposal': {
      if (e.height !== s.height) return s
      const proposal = {
        block: e.block,
        valid: e.valid,
        ...(e.reason === undefined ? {} : { reason: e.reason }),
      }
      return {
        ...s,
        ...(e.round === s.round ? { proposal } : {}),
        timeline: e.valid
          ? s.timeline
          : touch(s.timeline, e.height, (r) => ({
              ...r,
              invalidProposals: r.invalidProposals + 1,
            })),
      }
    }
    case 'votes':
      if (e.height !== s.height || e.round !== s.round) return s
      if (e.prevotes === s.prevotes && e.precommits === s.precommits && e.quorum === s.quorum)
        return s
      return { ...s, prevotes: e.prevotes, precommits: e.precommits, quorum: e.quorum }
    case 'committed': {
      const row = {
        height: e.height,
        round: e.round,
        block: e.block,
        stateHash: e.stateHash,
        voters: e.voters,
        latencyMs: e.latencyMs,
        synced: false,
      }
      return {
        ...s,
        ...(e.height === s.height ? { phase: 'applying' as const } : {}),
        committedHeight: Math.max(s.committedHeight, e.height),
        certificates: [row, ...s.certificates.filter((c) => c.height !== e.height)]
          .sort((a, b) => b.height - a.height)
          .slice(0, MAX_CERTIFICATES),
        timeline: touch(s.timeline, e.height, (r) => ({
          ...r,
          committedAt: e.at,
          rounds: Math.max(r.rounds, e.round),
          outcome: 'committed',
        })),
      }
    }
    case 'synced':
      return {
        ...s,
        committedHeight: Math.max(s.committedHeight, e.height),
        certificates: s.certificates.map((c) =>
          c.height === e.height ? { ...c, synced: true } : c,
        ),
        timeline: touch(s.timeline, e.height, (r) => ({ ...r, outcome: 'synced' })),
      }
    case 'evidence':
      return {
        ...s,
        evidence: [...s.evidence, { height: e.height, node: e.node, kind: e.kind }].slice(
          -MAX_EVIDENCE,
        ),
        timeline: touch(s.timeline, e.height, (r) => ({ ...r, evidence: r.evidence + 1 })),
      }
    case 'rejected':
      return { ...s, rejected: { total: s.rejected.total + 1, last: e.reason } }
  }
}
