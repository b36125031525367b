import { useDashboard } from '../NodeContext.tsx'
import { ruv } from './format.ts'

/** Four numbers a donor reads first: height, balance, earned so far, peers. */
export function Glance() {
  // Primitive or stable selections: the glance re-renders only when one of its numbers moves.
  const committed = useDashboard((s) => s.consensus.committedHeight)
  const summary = useDashboard((s) => s.chain.summary)
  const earnings = useDashboard((s) => s.chain.earnings)
  const peers = useDashboard((s) => s.swarm.peers.length)
  const earned = earnings.reduce((sum, e) => sum + e.rewards - e.slashed, 0n)
  const balance = summary?.balance
  // A node that started from a checkpoint has certified heights it never saw committed here.
  const height = Math.max(committed, summary?.height ?? 0)
  return (
    <dl className="glance" aria-label="At a glance">
      <div>
        <dt>Height</dt>
        <dd data-testid="glance-height">{height || '—'}</dd>
      </div>
      <div>
        <dt>Balance</dt>
        <dd data-testid="glance-balance">{balance === undefined ? '—' : ruv(balance)}</dd>
      </div>
      <div>
        <dt>Earned here</dt>
        <dd data-testid="glance-earned">{earnings.length === 0 ? '—' : ruv(earned)}</dd>
      </div>
      <div>
        <dt>Peers</dt>
        <dd data-testid="glance-peers">{peers}</dd>
      </div>
    </dl>
  )
}
