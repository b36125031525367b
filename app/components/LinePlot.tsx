import { memo } from 'react'
import { extent, FRAME, INNER, linear } from './plot-scale.ts'

/** One line of a plot. */
export interface LineSeries {
  readonly name: string
  /** CSS class that colours it (`s1`, `s2`, …). */
  readonly tone: string
  readonly points: readonly { readonly x: number; readonly y: number }[]
}

/** A small line plot in hand-written SVG: y against height, with its range labelled. */
export const LinePlot = memo(function LinePlot({
  title,
  series,
  format,
  domain,
  testId,
}: {
  title: string
  series: readonly LineSeries[]
  format: (y: number) => string
  /** Fixed y range; by default the data's. */
  domain?: readonly [number, number]
  testId: string
}) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x))
  const ys = series.flatMap((s) => s.points.map((p) => p.y))
  const [x0, x1] = xs.length === 0 ? [0, 1] : [Math.min(...xs), Math.max(...xs)]
  const [y0, y1] = domain ?? extent(ys)
  const sx = linear(x0, x1, FRAME.left, FRAME.left + INNER.width)
  const sy = linear(y0, y1, FRAME.top + INNER.height, FRAME.top)
  const summary = series
    .map((s) => {
      const last = s.points[s.points.length - 1]
      return last === undefined
        ? `${s.name}: no data`
        : `${s.name} ${format(last.y)} at height ${last.x}`
    })
    .join('; ')
  return (
    <figure className="plot">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="img"
        aria-label={`${title}: ${summary}`}
        data-testid={testId}
      >
        <line
          className="axis"
          x1={FRAME.left}
          x2={FRAME.left}
          y1={FRAME.top}
          y2={FRAME.top + INNER.height}
        />
        <line
          className="axis"
          x1={FRAME.left}
          x2={FRAME.left + INNER.width}
          y1={FRAME.top + INNER.height}
          y2={FRAME.top + INNER.height}
        />
        <text className="tick" x={FRAME.left - 4} y={FRAME.top + 8} textAnchor="end">
          {format(y1)}
        </text>
        <text className="tick" x={FRAME.left - 4} y={FRAME.top + INNER.height} textAnchor="end">
          {format(y0)}
        </text>
        {xs.length > 0 && (
          <>
            <text className="tick" x={FRAME.left} y={FRAME.height - 6} textAnchor="start">
              {x0}
            </text>
            <text
              className="tick"
              x={FRAME.left + INNER.width}
              y={FRAME.height - 6}
              textAnchor="end"
            >
              height {x1}
            </text>
          </>
        )}
        {series.map((s) => (
          <g
            key={s.name}
            className={`series ${s.tone}`}
            data-series={s.name}
            data-points={s.points.length}
          >
            <polyline
              fill="none"
              points={s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}
            />
            {s.points.length <= 60 &&
              s.points.map((p) => <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={2} />)}
          </g>
        ))}
      </svg>
      <p className="legend">
        {series.map((s) => (
          <span key={s.name} className={`key ${s.tone}`}>
            {s.name}
          </span>
        ))}
      </p>
    </figure>
  )
})
