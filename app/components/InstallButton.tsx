import { useActions } from '../NodeContext.tsx'
import { usePwa } from '../state/hooks.ts'

/** "Install app", shown only while the browser offers to install it. */
export function InstallButton() {
  const pwa = usePwa()
  const actions = useActions()
  if (!pwa.installable) return null
  return (
    <button
      type="button"
      className="install"
      data-testid="install"
      title="Install the app: it opens in its own window and starts offline"
      onClick={() => void actions.install()}
    >
      Install app
    </button>
  )
}
