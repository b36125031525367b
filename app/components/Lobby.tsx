import { useState } from 'react'
import { useNode, useSwarm } from '../NodeContext.tsx'

/** A small gossip log: proves messages cross the swarm. */
export function Lobby() {
  const client = useNode()
  const { lobby, status } = useSwarm()
  const [sent, setSent] = useState<string>()
  const hello = () => {
    client.sayHello(`hello from …${client.snapshot.peerId?.slice(-8) ?? '?'}`).then(
      (n) => setSent(`sent to ${n} peer${n === 1 ? '' : 's'}`),
      (err: unknown) => setSent(`not sent: ${(err as Error).message}`),
    )
  }
  return (
    <section aria-labelledby="lobby-h">
      <h2 id="lobby-h">Lobby</h2>
      <button type="button" onClick={hello} disabled={status !== 'running'}>
        Say hello
      </button>{' '}
      <span aria-live="polite">{sent}</span>
      <ul data-testid="lobby">
        {lobby.map((m, i) => (
          <li key={`${m.at}-${i}`}>
            <code>…{m.from.slice(-8)}</code>: {m.text}
          </li>
        ))}
      </ul>
    </section>
  )
}
