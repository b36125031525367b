/** Votes counted against the quorum, as a bar with the quorum marked. */
export function VoteMeter({
  label,
  votes,
  quorum,
  members,
  testId,
}: {
  label: string
  votes: number
  quorum: number
  members: number
  testId: string
}) {
  const max = Math.max(members, quorum, votes, 1)
  const reached = quorum > 0 && votes >= quorum
  return (
    <div className="vote">
      <span className="vote-label">{label}</span>
      <div
        className="vote-bar"
        role="meter"
        aria-label={`${label}: ${votes} of ${quorum} needed`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={votes}
      >
        <div
          className={reached ? 'vote-fill reached' : 'vote-fill'}
          style={{ width: `${(100 * votes) / max}%` }}
        />
        {quorum > 0 && <div className="vote-quorum" style={{ left: `${(100 * quorum) / max}%` }} />}
      </div>
      <span className="vote-count" data-testid={testId}>
        {votes} / {quorum}
      </span>
    </div>
  )
}
