import { useDashboard } from '../NodeContext.tsx'
import { useChain, useSwarm } from '../state/hooks.ts'
import { percent, shortHash, shortPeer } from './format.ts'

/** Other tabs: how each is connected, its latency, since when it is a member, its last update. */
export function PeerList() {
  const { peers, dial } = useSwarm()
  const chain = useChain()
  const height = useDashboard((s) => s.consensus.committedHeight)
  const members = new Map((chain.summary?.members ?? []).map((m) => [m.peer, m]))
  return (
    <div>
      <h3>
        Peers <span data-testid="peer-count">{peers.length}</span>
      </h3>
      {peers.length === 0 ? (
        <p className="muted">Looking for other tabs…</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Peer</th>
                <th scope="col">Connection</th>
                <th scope="col">Latency</th>
                <th scope="col">Member since</th>
                <th scope="col">Last update</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => {
                const m = members.get(p.id)
                const q = m === undefined ? undefined : chain.quality[m.node]
                return (
                  <tr
                    key={p.id}
                    data-testid="peer-row"
                    data-peer={p.id}
                    data-connection={p.connection}
                  >
                    <td>
                      <code title={m === undefined ? p.id : `${p.id}\nnode ${m.node}`}>
                        {shortPeer(p.id)}
                      </code>
                    </td>
                    <td>{p.connection}</td>
                    <td data-testid="peer-rtt">
                      {p.rttMs === undefined ? '—' : `${Math.round(p.rttMs)} ms`}
                    </td>
                    <td data-testid="peer-since">
                      {chain.summary?.members === undefined
                        ? '—'
                        : m === undefined
                          ? 'not a member'
                          : `height ${m.since} (${shortHash(m.node)})`}
                    </td>
                    <td data-testid="peer-quality">
                      {q === undefined
                        ? '—'
                        : `quality ${percent(q.ppm / 1e6, 0)} at height ${q.height}${height - q.height > 3 ? ' (stale)' : ''}`}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <p data-testid="dial-stats" className="muted">
        WebRTC dials: {dial.successes} ok, {dial.failures} failed
        {dial.firstDirectMs !== undefined &&
          `; first direct link ${dial.firstDirectMs} ms after page load`}
      </p>
    </div>
  )
}
