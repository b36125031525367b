import type { NodeId } from '../../shared/types/index.ts'
import type { TransferRow } from '../state/types.ts'
import { ruv, shortHash } from './format.ts'

const REASONS: Readonly<Record<string, string>> = {
  'unknown-sender': 'unknown sender',
  'wrong-nonce': 'wrong nonce',
  'non-positive-amount': 'amount not positive',
  'over-cap': 'over the cap',
  'self-transfer': 'to itself',
  'insufficient-balance': 'balance too low',
}

/** Transfers to and from this node that blocks settled or skipped. */
export function TransferList({
  rows,
  self,
}: {
  rows: readonly TransferRow[]
  self: NodeId | undefined
}) {
  if (rows.length === 0) return <p className="muted">No transfers to or from this node yet.</p>
  return (
    <div className="table-wrap">
      <table data-testid="transfers">
        <caption>Transfers</caption>
        <thead>
          <tr>
            <th scope="col">Height</th>
            <th scope="col">Direction</th>
            <th scope="col">Other node</th>
            <th scope="col">Amount</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {[...rows].reverse().map((t, i) => {
            const out = t.from === self
            const other = out ? t.to : t.from
            return (
              <tr
                key={`${t.height}-${i}`}
                data-testid="transfer-row"
                data-skipped={t.skipped ?? ''}
              >
                <td>{t.height}</td>
                <td>{out ? 'sent' : 'received'}</td>
                <td>
                  <code title={other}>{shortHash(other)}</code>
                </td>
                <td>{ruv(t.amount)}</td>
                <td>
                  {t.skipped === undefined
                    ? 'settled'
                    : `skipped: ${REASONS[t.skipped] ?? t.skipped}`}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
