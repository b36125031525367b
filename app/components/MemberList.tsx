import { useDashboard } from '../NodeContext.tsx'
import { useChain, useSelf } from '../state/hooks.ts'
import { percent, shortHash, shortPeer } from './format.ts'

/**
 * The members of the certified state: who votes, since which height, when each last contributed
 * an update or a vote, and the quality of its last included update. Shown once the node reports
 * the member list (a source that reports only the count shows nothing here).
 */
export function MemberList() {
  const chain = useChain()
  const self = useSelf()
  const height = useDashboard((s) => s.chain.summary?.height ?? 0)
  const members = chain.summary?.members
  if (members === undefined) return null
  return (
    <div>
      <h3>
        Members <span data-testid="member-count">{members.length}</span>
      </h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Peer</th>
              <th scope="col">Member since</th>
              <th scope="col">Last seen</th>
              <th scope="col">Last update</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const q = chain.quality[m.node]
              return (
                <tr key={m.node} data-testid="member-row" data-node={m.node} data-peer={m.peer}>
                  <td>
                    <code title={m.node}>{shortHash(m.node)}</code>
                    {m.node === self ? ' (this node)' : ''}
                  </td>
                  <td>
                    <code title={m.peer}>{shortPeer(m.peer)}</code>
                  </td>
                  <td data-testid="member-since">height {m.since}</td>
                  <td data-testid="member-seen">
                    height {m.lastSeen}
                    {height - m.lastSeen > 3 ? ' (silent)' : ''}
                  </td>
                  <td data-testid="member-quality">
                    {q === undefined
                      ? '—'
                      : `quality ${percent(q.ppm / 1e6, 0)} at height ${q.height}`}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
