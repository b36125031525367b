/**
 * Entry point: start the swarm client for the relay that served this page and the dashboard's
 * store over it, then render.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { errorMessage } from '../shared/node/errors.ts'
import { App } from './App.tsx'
import { startDashboard } from './dashboard.ts'
import { SwarmClient } from './net/swarm-client.ts'
import { bootNode } from './node/boot.ts'
import { NodeAgent } from './autonomy/agent.ts'
import { nodePort } from './node/port.ts'
import { NodeProvider } from './NodeContext.tsx'
import { installTestHandle } from './test-handle.ts'
import './styles.css'

const client = new SwarmClient()
const dashboard = startDashboard(client)
const store = dashboard.store
// The runtime writes into the dashboard's store itself: one store, which the views and the test
// handle read.
const boot = bootNode(client, store, window.location.origin, window.location.search)
const runtime = boot.runtime
const agent =
  runtime === undefined
    ? undefined
    : new NodeAgent(
        { runtime, dispatch: (input) => store.dispatch(input) },
        { settings: store.getSnapshot().settings },
      )
installTestHandle(client, store, runtime, agent)
if (runtime !== undefined && agent !== undefined) {
  // The donor's settings go through the autonomy loop, so its rules see them (user-paused…).
  dashboard.actions.connectNode(nodePort(runtime, agent.settings))
  agent.start().catch((err: unknown) =>
    store.dispatch({
      kind: 'notice',
      notice: {
        tone: 'error',
        text: `The autonomy loop did not start: ${errorMessage(err)}.`,
      },
    }),
  )
}
void boot.start()
window.addEventListener('pagehide', () => {
  agent?.stop()
  runtime?.stop()
  void client.stop()
})

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <NodeProvider store={dashboard.store} actions={dashboard.actions}>
      <App />
    </NodeProvider>
  </StrictMode>,
)
