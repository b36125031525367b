import { Lobby } from './components/Lobby.tsx'
import { PeerList } from './components/PeerList.tsx'
import { RelayStatus } from './components/RelayStatus.tsx'

/** The app shell. */
export function App() {
  return (
    <main>
      <h1>Swarm node</h1>
      <p>This tab is a node of a swarm that trains one shared model.</p>
      <RelayStatus />
      <PeerList />
      <Lobby />
    </main>
  )
}
