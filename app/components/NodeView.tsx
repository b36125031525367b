import { useDashboard } from '../NodeContext.tsx'
import { isMember } from '../state/activity.ts'
import {
  useActivity,
  useAgent,
  useChain,
  useSelf,
  useSettings,
  useTraining,
} from '../state/hooks.ts'
import { stepsPerSecond } from '../state/reduce-training.ts'
import type { TrainingState } from '../state/types.ts'
import { CopyId } from './CopyId.tsx'
import { count, percent } from './format.ts'
import { Section } from './Section.tsx'

/** The round in progress, else the last finished one. */
function roundText(t: TrainingState): string {
  const c = t.current
  if (c !== undefined)
    return `step ${c.progress.step} of ${c.progress.maxSteps} for height ${c.height}`
  const last = t.rounds[t.rounds.length - 1]
  return last === undefined ? '—' : `last: ${last.steps} steps for height ${last.height}`
}

/** This node: what it does, on which backend and why, how fast, how much it contributed. */
export function NodeView() {
  const activity = useActivity()
  const self = useSelf()
  const training = useTraining()
  const chain = useChain()
  const agent = useAgent()
  const settings = useSettings()
  const member = useDashboard(isMember)
  const rate = stepsPerSecond(training)
  const duty = agent.controls?.dutyCycle
  return (
    <Section id="node" title="Node">
      <dl className="facts">
        <dt>State</dt>
        <dd data-testid="node-activity">{activity}</dd>
        <dt>Node id</dt>
        <dd>
          {self === undefined ? (
            <span className="muted">not created yet</span>
          ) : (
            <CopyId id={self} label="node id" testId="node-id" />
          )}
        </dd>
        <dt>Member</dt>
        <dd data-testid="node-member">{self === undefined ? '—' : member ? 'yes' : 'not yet'}</dd>
        <dt>Backend</dt>
        <dd data-testid="node-backend">
          {training.backend === undefined ? (
            '—'
          ) : (
            <>
              <strong>{training.backend.chosen}</strong>
              {training.backend.forced ? ' (chosen in the settings)' : ''}
              <br />
              <span className="muted">{training.backend.reason}</span>
            </>
          )}
        </dd>
        <dt>This round</dt>
        <dd data-testid="node-round">{roundText(training)}</dd>
        <dt>Steps per second</dt>
        <dd data-testid="node-steps">{rate === undefined ? '—' : rate.toFixed(1)}</dd>
        <dt>Samples</dt>
        <dd data-testid="node-samples">
          {training.rounds.length === 0 && chain.earnings.length === 0
            ? '—'
            : `${count(training.samplesTrained)} trained, ${count(chain.samplesIncluded)} in certified blocks`}
        </dd>
        <dt>Duty cycle</dt>
        <dd data-testid="node-duty">
          {duty === undefined ? '—' : percent(duty, 0)} in force; your limit{' '}
          {percent(settings.dutyCycle, 0)}
        </dd>
      </dl>
    </Section>
  )
}
