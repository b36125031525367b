import { useConsensus, useSelf } from '../state/hooks.ts'
import { CertificateList } from './CertificateList.tsx'
import { Empty } from './Empty.tsx'
import { shortHash } from './format.ts'
import { HeightTimeline } from './HeightTimeline.tsx'
import { MemberList } from './MemberList.tsx'
import { Section } from './Section.tsx'
import { VoteMeter } from './VoteMeter.tsx'

/** Tendermint at a glance: height, round, phase, proposer, votes, certificates, timeline. */
export function ConsensusView() {
  const c = useConsensus()
  const self = useSelf()
  if (c.height === undefined) {
    return (
      <Section id="consensus" title="Consensus">
        <Empty waiting="No height has started yet." />
      </Section>
    )
  }
  return (
    <Section id="consensus" title="Consensus">
      <dl className="facts">
        <dt>Height</dt>
        <dd data-testid="consensus-height">{c.height}</dd>
        <dt>Round</dt>
        <dd data-testid="consensus-round">{c.round}</dd>
        <dt>Phase</dt>
        <dd data-testid="consensus-phase">{c.phase ?? 'starting'}</dd>
        <dt>Proposer</dt>
        <dd data-testid="consensus-proposer">
          {c.proposer === undefined ? (
            '—'
          ) : (
            <code title={c.proposer}>
              {shortHash(c.proposer)}
              {c.proposer === self ? ' (this node)' : ''}
            </code>
          )}
        </dd>
        <dt>Members</dt>
        <dd data-testid="consensus-members">
          {c.members} (a quorum is {c.quorum})
        </dd>
        {c.proposal !== undefined && !c.proposal.valid && (
          <>
            <dt>Proposal</dt>
            <dd className="error">refused: {c.proposal.reason ?? 'invalid'}</dd>
          </>
        )}
      </dl>
      <VoteMeter
        label="Prevotes"
        votes={c.prevotes}
        quorum={c.quorum}
        members={c.members}
        testId="consensus-prevotes"
      />
      <VoteMeter
        label="Precommits"
        votes={c.precommits}
        quorum={c.quorum}
        members={c.members}
        testId="consensus-precommits"
      />
      <HeightTimeline records={c.timeline} />
      <MemberList />
      {c.certificates.length > 0 && <CertificateList rows={c.certificates} />}
      <p className="muted" data-testid="consensus-health">
        {c.evidence.length} evidence record{c.evidence.length === 1 ? '' : 's'}
        {c.evidence.length > 0 &&
          ` (last: ${c.evidence[c.evidence.length - 1]?.kind} by ${shortHash(c.evidence[c.evidence.length - 1]?.node ?? '')})`}
        ; {c.rejected.total} rejected input{c.rejected.total === 1 ? '' : 's'}
        {c.rejected.last !== undefined && ` (last: ${c.rejected.last})`}
      </p>
    </Section>
  )
}
