/**
 * Starts the dashboard for a tab: the store with the saved settings, the actions, the sources that
 * need no node (the swarm client, the browser's online state, the service worker) and the test
 * handle. The tab's runtime writes into the same store (see `node/runtime.ts`).
 */
import type { SwarmClient } from './net/swarm-client.ts'
import { listenForInstall } from './pwa/install.ts'
import { registerServiceWorker } from './pwa/register.ts'
import { createActions, type DashboardActions } from './state/actions.ts'
import { installDashboardHandle } from './state/dashboard-handle.ts'
import { initialState } from './state/reduce.ts'
import { loadSettings, type KeyValueStore } from './state/settings.ts'
import { feedOnline, feedSwarm } from './state/sources.ts'
import { createDashboardStore, type DashboardStore } from './state/store.ts'

/** `localStorage`, or nothing where the browser refuses it (some private modes throw). */
function browserStorage(): KeyValueStore | undefined {
  try {
    return window.localStorage
  } catch {
    return undefined
  }
}

/** The store and actions of this tab's dashboard. */
export function startDashboard(client: SwarmClient): {
  store: DashboardStore
  actions: DashboardActions
} {
  const storage = browserStorage()
  const { settings, issues } = loadSettings(storage)
  const store = createDashboardStore(initialState(settings), {
    schedule: (flush) => requestAnimationFrame(flush),
  })
  const actions = createActions(store, storage)
  if (issues.length > 0) {
    store.dispatch({
      kind: 'notice',
      notice: {
        tone: 'error',
        text: `Some saved settings were invalid and were reset: ${issues.join('; ')}.`,
      },
    })
  }
  feedSwarm(client, store)
  feedOnline(store)
  installDashboardHandle(store)
  registerServiceWorker(store, actions)
  listenForInstall(store, actions)
  return { store, actions }
}
