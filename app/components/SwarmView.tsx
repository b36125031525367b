import { Lobby } from './Lobby.tsx'
import { PeerList } from './PeerList.tsx'
import { RelayStatus } from './RelayStatus.tsx'
import { Section } from './Section.tsx'

/** The swarm connection: the relay link, the other tabs and the lobby. */
export function SwarmView() {
  return (
    <Section id="swarm" title="Swarm">
      <RelayStatus />
      <PeerList />
      <Lobby />
    </Section>
  )
}
