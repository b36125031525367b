import { useState } from 'react'
import { useActions } from '../NodeContext.tsx'
import { useDashboard } from '../NodeContext.tsx'
import { useNotice, useSettings } from '../state/hooks.ts'
import { MIN_DUTY } from '../state/settings.ts'
import { percent } from './format.ts'
import { Section } from './Section.tsx'

/**
 * The compute-limit slider. It keeps the value being dragged or keyed itself: the store tells
 * its views once per animation frame, and a range input held to the store's value would snap back
 * between two quick key presses and lose the second. A new value from the store (the saved
 * settings, another view) replaces it.
 */
function DutySlider({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  const [draft, setDraft] = useState(value)
  const [stored, setStored] = useState(value)
  if (value !== stored) {
    setStored(value)
    setDraft(value)
  }
  return (
    <>
      <input
        id="duty"
        type="range"
        min={MIN_DUTY}
        max={1}
        step={0.05}
        value={draft}
        aria-valuetext={percent(draft, 0)}
        data-testid="control-duty"
        onChange={(e) => {
          const v = Number(e.currentTarget.value)
          setDraft(v)
          onChange(v)
        }}
      />
      <output htmlFor="duty" data-testid="control-duty-value">
        {percent(draft, 0)}
      </output>
    </>
  )
}

/** The donor's controls: take part or not, pause, how much compute, battery and hidden tab. */
export function ControlsPanel() {
  const actions = useActions()
  const settings = useSettings()
  const notice = useNotice()
  const controllable = useDashboard((s) => s.controllable)
  return (
    <Section id="controls" title="Controls">
      <div className="buttons">
        <button
          type="button"
          data-testid="control-join"
          onClick={() => actions.setJoined(!settings.joined)}
        >
          {settings.joined ? 'Leave the swarm' : 'Join the swarm'}
        </button>
        <button
          type="button"
          data-testid="control-pause"
          onClick={() => actions.setPaused(!settings.paused)}
          disabled={!settings.joined}
        >
          {settings.paused ? 'Resume training' : 'Pause training'}
        </button>
      </div>
      <div className="field">
        <label htmlFor="duty">Compute limit (share of the time this tab may train)</label>
        <div className="range-row">
          <DutySlider value={settings.dutyCycle} onChange={(v) => actions.setDutyCycle(v)} />
        </div>
      </div>
      <div className="field check">
        <input
          id="battery"
          type="checkbox"
          checked={settings.trainOnBattery}
          data-testid="control-battery"
          onChange={(e) => actions.setTrainOnBattery(e.currentTarget.checked)}
        />
        <label htmlFor="battery">Train on battery</label>
      </div>
      <div className="field check">
        <input
          id="hidden"
          type="checkbox"
          checked={settings.trainWhenHidden}
          data-testid="control-hidden"
          onChange={(e) => actions.setTrainWhenHidden(e.currentTarget.checked)}
        />
        <label htmlFor="hidden">Keep training when the tab is hidden</label>
      </div>
      <p className="muted">
        Settings stay in this browser.
        {!controllable &&
          ' No training node runs in this tab: they are stored, and a tab that runs one starts with them.'}
      </p>
      <p
        role="status"
        className={notice?.tone === 'error' ? 'error' : 'notice'}
        data-testid="control-notice"
      >
        {notice?.text}
      </p>
    </Section>
  )
}
