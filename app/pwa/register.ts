/**
 * Registers the service worker that vite-plugin-pwa builds (`sw.js`, Workbox precaching the app
 * shell, the trainer's files and the job manifests; the MNIST data is kept in a runtime cache that
 * the trainer worker fills on its one download, see `workers/data/cached-bytes.ts`) and reports
 * its state to the store. A new version waits until the donor accepts the update prompt (`registerType: 'prompt'`),
 * so a running round is never cut by a surprise reload.
 */
import { registerSW } from 'virtual:pwa-register'
import type { DashboardActions } from '../state/actions.ts'
import type { DashboardStore } from '../state/store.ts'

/** Registers the service worker where the browser supports one. */
export function registerServiceWorker(store: DashboardStore, actions: DashboardActions): void {
  if (!('serviceWorker' in navigator)) return
  const pwa = (p: Parameters<typeof store.dispatch>[0] & { kind: 'pwa' }) => store.dispatch(p)
  const update = registerSW({
    immediate: true,
    // An active worker has finished precaching, so a returning visit is ready offline at once.
    onRegisteredSW: (_url, registration) =>
      pwa({
        kind: 'pwa',
        pwa: { registered: true, ...(registration?.active ? { offlineReady: true } : {}) },
      }),
    onOfflineReady: () => pwa({ kind: 'pwa', pwa: { offlineReady: true } }),
    onNeedRefresh: () => pwa({ kind: 'pwa', pwa: { needRefresh: true } }),
    onRegisterError: (err: unknown) =>
      pwa({ kind: 'pwa', pwa: { error: err instanceof Error ? err.message : String(err) } }),
  })
  actions.connectUpdate({
    update: () => {
      // registerSW reloads only a page that a worker controlled when it loaded; a first visit's
      // page (claimed later) would wait forever, so reload whenever the new worker takes over.
      navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
        once: true,
      })
      return update(true)
    },
  })
}
