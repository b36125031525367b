import { memo } from 'react'
import type { HeightRecord } from '../state/types.ts'
import { duration } from './format.ts'

const BAR = 14
const GAP = 4
const TOP = 14
const PLOT = 60
const BOTTOM = 16

const spanOf = (r: HeightRecord) =>
  r.startedAt !== undefined && r.committedAt !== undefined ? r.committedAt - r.startedAt : undefined

const kindOf = (r: HeightRecord) =>
  r.outcome === 'pending'
    ? 'pending'
    : r.outcome === 'synced'
      ? 'synced'
      : r.rounds > 0 || r.invalidProposals > 0
        ? 'slow'
        : 'ok'

/** Recent heights as bars: how long each took, whether it needed more rounds, evidence seen. */
export const HeightTimeline = memo(function HeightTimeline({
  records,
}: {
  records: readonly HeightRecord[]
}) {
  const spans = records.map(spanOf)
  const longest = Math.max(1, ...spans.map((s) => s ?? 0))
  const width = Math.max(1, records.length) * (BAR + GAP)
  const slow = records.filter((r) => kindOf(r) === 'slow').length
  const evidence = records.filter((r) => r.evidence > 0).length
  const first = records[0]?.height
  const last = records[records.length - 1]?.height
  const summary =
    first === undefined
      ? 'No heights yet'
      : `Heights ${first} to ${last}: ${slow} needed more than one round, ${evidence} with evidence of misbehaviour`
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${width} ${TOP + PLOT + BOTTOM}`}
        role="img"
        aria-label={summary}
        data-testid="timeline"
        preserveAspectRatio="xMinYMid meet"
      >
        {records.map((r, i) => {
          const x = i * (BAR + GAP)
          const span = spans[i]
          const h = span === undefined ? PLOT : Math.max(2, (PLOT * span) / longest)
          const kind = kindOf(r)
          return (
            <g key={r.height} data-testid="timeline-height" data-height={r.height} data-kind={kind}>
              <title>
                {`Height ${r.height}: ${r.outcome}, ${duration(span)}, ${r.rounds + 1} round${r.rounds > 0 ? 's' : ''}${r.evidence > 0 ? `, ${r.evidence} evidence` : ''}`}
              </title>
              <rect
                className={`bar ${kind}`}
                x={x}
                y={TOP + PLOT - h}
                width={BAR}
                height={h}
                rx={2}
              />
              {r.evidence > 0 && (
                <circle className="evidence" cx={x + BAR / 2} cy={TOP / 2} r={4} />
              )}
              {(i === 0 || i === records.length - 1 || r.height % 5 === 0) && (
                <text className="tick" x={x + BAR / 2} y={TOP + PLOT + 12} textAnchor="middle">
                  {r.height}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <figcaption className="legend">
        <span className="key ok">first round</span> <span className="key slow">more rounds</span>{' '}
        <span className="key synced">synced</span> <span className="key pending">deciding</span>{' '}
        <span className="key evidence">evidence</span> · bar height: time to decide
      </figcaption>
    </figure>
  )
})
