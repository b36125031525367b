/** Renders the dashboard over a store, for component tests (happy-dom). */
import { render } from '@testing-library/react'
import { App } from '../../../app/App.tsx'
import { NodeProvider } from '../../../app/NodeContext.tsx'
import { createActions } from '../../../app/state/actions.ts'
import type { KeyValueStore } from '../../../app/state/settings.ts'
import type { DashboardStore } from '../../../app/state/store.ts'

/** Renders `<App>` over `store`, with actions that save settings to an in-memory storage. */
export function renderApp(store: DashboardStore) {
  const data: Record<string, string> = {}
  const storage: KeyValueStore = {
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
  }
  const actions = createActions(store, storage)
  const view = render(
    <NodeProvider store={store} actions={actions}>
      <App />
    </NodeProvider>,
  )
  return { ...view, actions, data }
}
