import { memo } from 'react'
import type { CertificateRow } from '../state/types.ts'
import { duration, shortHash } from './format.ts'

/** The last certificates: which block a quorum precommitted at each height, and the state hash. */
export const CertificateList = memo(function CertificateList({
  rows,
}: {
  rows: readonly CertificateRow[]
}) {
  return (
    <div className="table-wrap">
      <table data-testid="certificates">
        <caption>Last certificates</caption>
        <thead>
          <tr>
            <th scope="col">Height</th>
            <th scope="col">Round</th>
            <th scope="col">Block</th>
            <th scope="col">State hash</th>
            <th scope="col">Signers</th>
            <th scope="col">Latency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.height} data-testid="certificate-row" data-height={c.height}>
              <td>{c.height}</td>
              <td>{c.round}</td>
              <td>
                <code title={c.block}>{shortHash(c.block)}</code>
              </td>
              <td>
                <code title={c.stateHash} data-testid="certificate-state">
                  {shortHash(c.stateHash)}
                </code>
              </td>
              <td>{c.voters}</td>
              <td>{c.synced ? 'synced' : duration(c.latencyMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
