import { PeerList } from './PeerList.tsx'
import { RelayStatus } from './RelayStatus.tsx'
import { Section } from './Section.tsx'

/** The swarm connection: the relay link and the other tabs. */
export function SwarmView() {
  return (
    <Section id="swarm" title="Swarm">
      <RelayStatus />
      <PeerList />
    </Section>
  )
}
