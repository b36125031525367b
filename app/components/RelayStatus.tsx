import { useSwarm } from '../state/hooks.ts'

/** The relay link: state, reservation and reconnects. */
export function RelayStatus() {
  const { relay, status, error, peerId } = useSwarm()
  return (
    <div>
      <h3>Connection</h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="node-status">{status}</dd>
        {error !== undefined && (
          <>
            <dt>Error</dt>
            <dd role="alert" data-testid="node-error">
              {error}
            </dd>
          </>
        )}
        <dt>Peer id</dt>
        <dd data-testid="peer-id" className="wrap">
          <code>{peerId ?? '…'}</code>
        </dd>
        <dt>Relay</dt>
        <dd data-testid="relay-state">{relay.state}</dd>
        <dt>Reachable through relay</dt>
        <dd data-testid="relay-reserved">{relay.reserved ? 'yes' : 'no'}</dd>
        <dt>Relay reconnects</dt>
        <dd data-testid="relay-reconnects">{relay.reconnects}</dd>
      </dl>
    </div>
  )
}
