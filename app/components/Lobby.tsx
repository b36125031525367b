import { useState } from 'react'
import { useActions } from '../NodeContext.tsx'
import { useSwarm } from '../state/hooks.ts'

/** A small gossip log: proves messages cross the swarm. */
export function Lobby() {
  const actions = useActions()
  const { lobby, status, peerId } = useSwarm()
  const [sent, setSent] = useState<string>()
  const hello = () => {
    void actions
      .sayHello(`hello from …${peerId?.slice(-8) ?? '?'}`)
      .then((r) =>
        setSent(
          r.ok ? `sent to ${r.value} peer${r.value === 1 ? '' : 's'}` : `not sent: ${r.reason}`,
        ),
      )
  }
  return (
    <div>
      <h3>Lobby</h3>
      <button type="button" onClick={hello} disabled={status !== 'running'}>
        Say hello
      </button>{' '}
      <span aria-live="polite">{sent}</span>
      <ul data-testid="lobby" className="lobby">
        {lobby.map((m, i) => (
          <li key={`${m.at}-${i}`}>
            <code>…{m.from.slice(-8)}</code>: {m.text}
          </li>
        ))}
      </ul>
    </div>
  )
}
