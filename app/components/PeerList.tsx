import { useSwarm } from '../NodeContext.tsx'

/** Other tabs and how each is connected. */
export function PeerList() {
  const { peers, dial } = useSwarm()
  return (
    <section aria-labelledby="peers-h">
      <h2 id="peers-h">
        Peers <span data-testid="peer-count">{peers.length}</span>
      </h2>
      {peers.length === 0 ? (
        <p>Looking for other tabs…</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Peer</th>
              <th scope="col">Connection</th>
            </tr>
          </thead>
          <tbody>
            {peers.map((p) => (
              <tr key={p.id} data-testid="peer-row" data-peer={p.id} data-connection={p.connection}>
                <td>
                  <code title={p.id}>…{p.id.slice(-8)}</code>
                </td>
                <td>{p.connection}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p data-testid="dial-stats">
        WebRTC dials: {dial.successes} ok, {dial.failures} failed
        {dial.firstDirectMs !== undefined &&
          `; first direct link ${dial.firstDirectMs} ms after page load`}
      </p>
    </section>
  )
}
