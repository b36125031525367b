import { useDashboard } from '../NodeContext.tsx'
import { BarPlot } from './BarPlot.tsx'
import { Empty } from './Empty.tsx'
import { bytes, percent } from './format.ts'
import { LinePlot } from './LinePlot.tsx'
import { Section } from './Section.tsx'

/** The shared model's test accuracy and loss per height, and this node's traffic per height. */
export function TrainingView() {
  // Not the whole slice: the round in progress changes several times a second and is not shown here.
  const t = {
    evals: useDashboard((s) => s.training.evals),
    rounds: useDashboard((s) => s.training.rounds),
    traffic: useDashboard((s) => s.training.traffic),
  }
  const last = t.evals[t.evals.length - 1]
  const hasData = t.evals.length > 0 || t.rounds.length > 0 || t.traffic.length > 0
  return (
    <Section id="training" title="Training">
      {!hasData ? (
        <Empty waiting="No evaluation of the shared model has been reported yet." />
      ) : (
        <>
          <dl className="facts">
            <dt>Test accuracy</dt>
            <dd data-testid="train-accuracy">
              {last === undefined ? '—' : `${percent(last.accuracy)} at height ${last.height}`}
            </dd>
            <dt>Test loss</dt>
            <dd data-testid="train-loss">{last === undefined ? '—' : last.loss.toFixed(3)}</dd>
          </dl>
          <div className="plots">
            <LinePlot
              title="Test accuracy of the shared model"
              testId="plot-accuracy"
              domain={[0, 1]}
              format={(y) => percent(y, 0)}
              series={[
                {
                  name: 'accuracy',
                  tone: 's1',
                  points: t.evals.map((e) => ({ x: e.height, y: e.accuracy })),
                },
              ]}
            />
            <LinePlot
              title="Loss"
              testId="plot-loss"
              format={(y) => y.toFixed(2)}
              series={[
                {
                  name: 'test loss',
                  tone: 's2',
                  points: t.evals.map((e) => ({ x: e.height, y: e.loss })),
                },
                ...(t.rounds.length === 0
                  ? []
                  : [
                      {
                        name: 'train loss (this node)',
                        tone: 's4',
                        points: t.rounds.map((r) => ({ x: r.height, y: r.meanLoss })),
                      },
                    ]),
              ]}
            />
            {t.traffic.length === 0 ? (
              <p className="muted" data-testid="bytes-unreported">
                Bytes sent and received per height: not reported by the node yet.
              </p>
            ) : (
              <BarPlot
                title="Bytes sent and received per height"
                testId="plot-bytes"
                format={bytes}
                series={[
                  {
                    name: 'sent',
                    tone: 's1',
                    values: t.traffic.map((r) => ({ x: r.height, y: r.sentBytes })),
                  },
                  {
                    name: 'received',
                    tone: 's2',
                    values: t.traffic.map((r) => ({ x: r.height, y: r.receivedBytes })),
                  },
                ]}
              />
            )}
          </div>
        </>
      )}
    </Section>
  )
}
