import { usePwa } from '../state/hooks.ts'

/** Whether the app works offline, and where the rest lives. */
export function Footer() {
  const pwa = usePwa()
  return (
    <footer className="foot">
      <p data-testid="pwa-status">
        {pwa.error !== undefined
          ? `Offline support failed: ${pwa.error}`
          : pwa.offlineReady
            ? 'Works offline: the app is cached in this browser, and the MNIST data once the node has loaded it.'
            : pwa.registered
              ? 'Caching the app for offline use…'
              : 'Offline support is not active in this browser.'}
      </p>
      <p>
        <a href="lab.html">Trainer lab</a> (for developers)
      </p>
    </footer>
  )
}
