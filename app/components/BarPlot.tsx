import { memo } from 'react'
import { FRAME, INNER, linear } from './plot-scale.ts'

/** One group of bars (one colour) of a bar plot. */
export interface BarSeries {
  readonly name: string
  readonly tone: string
  readonly values: readonly { readonly x: number; readonly y: number }[]
}

/** Grouped bars per height in hand-written SVG; negative values hang below the zero line. */
export const BarPlot = memo(function BarPlot({
  title,
  series,
  format,
  testId,
}: {
  title: string
  series: readonly BarSeries[]
  format: (y: number) => string
  testId: string
}) {
  const xs = [...new Set(series.flatMap((s) => s.values.map((v) => v.x)))].sort((a, b) => a - b)
  const ys = series.flatMap((s) => s.values.map((v) => v.y))
  // Bars start at zero: the range is [min(0, lowest), max(0, highest)], never padded past zero.
  const finite = ys.filter(Number.isFinite)
  const y0 = Math.min(0, ...finite)
  const y1 = Math.max(0, ...finite) || (y0 < 0 ? 0 : 1)
  const sy = linear(y0, y1, FRAME.top + INNER.height, FRAME.top)
  const slot = INNER.width / Math.max(1, xs.length)
  const bar = Math.max(1, (slot * 0.8) / Math.max(1, series.length))
  const index = new Map(xs.map((x, i) => [x, i]))
  const totals = series.map(
    (s) => `${s.name} ${format(s.values.reduce((sum, v) => sum + v.y, 0))} in all`,
  )
  return (
    <figure className="plot">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="img"
        aria-label={`${title}: ${totals.join('; ')}`}
        data-testid={testId}
      >
        <line
          className="axis"
          x1={FRAME.left}
          x2={FRAME.left + INNER.width}
          y1={sy(0)}
          y2={sy(0)}
        />
        <text className="tick" x={FRAME.left - 4} y={FRAME.top + 8} textAnchor="end">
          {format(y1)}
        </text>
        {y0 < 0 && (
          <text className="tick" x={FRAME.left - 4} y={FRAME.top + INNER.height} textAnchor="end">
            {format(y0)}
          </text>
        )}
        {series.map((s, k) => (
          <g
            key={s.name}
            className={`series ${s.tone}`}
            data-series={s.name}
            data-points={s.values.length}
          >
            {s.values.map((v) => {
              const x = FRAME.left + (index.get(v.x) ?? 0) * slot + slot * 0.1 + k * bar
              const top = Math.min(sy(v.y), sy(0))
              return (
                <rect key={v.x} x={x} y={top} width={bar} height={Math.abs(sy(v.y) - sy(0))}>
                  <title>{`Height ${v.x}: ${s.name} ${format(v.y)}`}</title>
                </rect>
              )
            })}
          </g>
        ))}
        {xs.length > 0 && (
          <>
            <text className="tick" x={FRAME.left} y={FRAME.height - 6} textAnchor="start">
              {xs[0]}
            </text>
            <text
              className="tick"
              x={FRAME.left + INNER.width}
              y={FRAME.height - 6}
              textAnchor="end"
            >
              height {xs[xs.length - 1]}
            </text>
          </>
        )}
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
