import { useAgent } from '../state/hooks.ts'
import { Empty } from './Empty.tsx'
import { describeAction } from './agent-text.ts'
import { clockTime, percent, shortHash } from './format.ts'
import { Section } from './Section.tsx'

/** The autonomy loop: the controls it keeps and its signed, hash-chained decisions. */
export function AgentLog() {
  const { controls, entries } = useAgent()
  return (
    <Section id="agent" title="Agent">
      {controls === undefined && entries.length === 0 ? (
        <Empty waiting="No decision of the autonomy loop has been reported here." />
      ) : (
        <>
          {controls !== undefined && (
            <p data-testid="agent-controls">
              In force: {controls.paused ? 'paused' : 'training'}, duty cycle{' '}
              {percent(controls.dutyCycle, 0)}, H = {controls.innerSteps}, backend{' '}
              {controls.backend}, compression level {controls.compression}.
            </p>
          )}
          <ol className="audit" reversed data-testid="audit">
            {[...entries].reverse().map((e) => (
              <li key={e.hash} data-testid="audit-entry" data-seq={e.seq}>
                <time dateTime={new Date(e.at).toISOString()}>{clockTime(e.at)}</time>{' '}
                {e.actions.length === 0 ? (
                  <span>
                    {e.fired.length === 0
                      ? 'no rule fires'
                      : `rules firing: ${e.fired.map((f) => f.id).join(', ')}`}
                  </span>
                ) : (
                  <span>{e.actions.map(describeAction).join('; ')}</span>
                )}
                {e.notes.length > 0 && <span className="muted"> — {e.notes.join('; ')}</span>}{' '}
                <code
                  className="muted"
                  title={`entry ${e.seq}, hash ${e.hash}, signed by ${e.node}`}
                >
                  #{e.seq} {shortHash(e.hash)}
                </code>
              </li>
            ))}
          </ol>
          <p className="muted">
            Each decision is signed by this node and chained to the one before it.
          </p>
        </>
      )}
    </Section>
  )
}
