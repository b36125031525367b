/**
 * The browser's offer to install the app: Chromium fires `beforeinstallprompt` when the page
 * qualifies (a manifest, a service worker, an engaged user) and `appinstalled` once it is
 * installed. The offer is kept and handed to the actions, so the Install button shows only while
 * the browser offers it and the dialog opens only from the donor's click.
 */
import type { DashboardActions } from '../state/actions.ts'
import type { DashboardStore } from '../state/store.ts'

/** Chromium's `beforeinstallprompt` event (not in the DOM typings). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>
  readonly userChoice: Promise<{ readonly outcome: 'accepted' | 'dismissed' }>
}

function isInstallPrompt(e: Event): e is BeforeInstallPromptEvent {
  const x = e as Partial<BeforeInstallPromptEvent>
  return typeof x.prompt === 'function' && x.userChoice instanceof Promise
}

/** Listens for the browser's install offer on `target`; returns the function that stops. */
export function listenForInstall(
  store: DashboardStore,
  actions: DashboardActions,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const offered = (e: Event) => {
    if (!isInstallPrompt(e)) return
    // Keep the offer for the button instead of the browser's own mini-infobar.
    e.preventDefault()
    actions.connectInstall({
      async prompt() {
        await e.prompt()
        return (await e.userChoice).outcome
      },
    })
  }
  const installed = () => {
    actions.connectInstall(undefined)
    store.dispatch({ kind: 'pwa', pwa: { installed: true } })
  }
  target.addEventListener('beforeinstallprompt', offered)
  target.addEventListener('appinstalled', installed)
  return () => {
    target.removeEventListener('beforeinstallprompt', offered)
    target.removeEventListener('appinstalled', installed)
  }
}
