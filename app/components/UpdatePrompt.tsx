import { useActions } from '../NodeContext.tsx'
import { usePwa } from '../state/hooks.ts'

/** Asks before switching to a newly deployed version. */
export function UpdatePrompt() {
  const pwa = usePwa()
  const actions = useActions()
  if (!pwa.needRefresh) return null
  return (
    <div className="update" role="alert" data-testid="update-prompt">
      <span>A new version of the app is ready.</span>{' '}
      <button type="button" onClick={() => void actions.applyUpdate()}>
        Reload now
      </button>{' '}
      <button type="button" className="quiet" onClick={actions.dismissUpdate}>
        Later
      </button>
    </div>
  )
}
