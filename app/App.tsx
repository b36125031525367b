import { AgentLog } from './components/AgentLog.tsx'
import { ConsensusView } from './components/ConsensusView.tsx'
import { ControlsPanel } from './components/ControlsPanel.tsx'
import { Footer } from './components/Footer.tsx'
import { Glance } from './components/Glance.tsx'
import { Header } from './components/Header.tsx'
import { NodeView } from './components/NodeView.tsx'
import { SwarmView } from './components/SwarmView.tsx'
import { TokensView } from './components/TokensView.tsx'
import { TrainingView } from './components/TrainingView.tsx'
import { UpdatePrompt } from './components/UpdatePrompt.tsx'

/** The dashboard: what the tab does, what it earned, how to limit it, and the swarm around it. */
export function App() {
  return (
    <div className="app">
      <Header />
      <UpdatePrompt />
      <main>
        <Glance />
        <div className="grid">
          <NodeView />
          <ControlsPanel />
          <ConsensusView />
          <TokensView />
          <TrainingView />
          <SwarmView />
          <AgentLog />
        </div>
      </main>
      <Footer />
    </div>
  )
}
