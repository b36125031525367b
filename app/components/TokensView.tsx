import { MICRO_PER_RUV } from '../../shared/ledger/index.ts'
import { useChain, useSelf } from '../state/hooks.ts'
import { BarPlot } from './BarPlot.tsx'
import { Empty } from './Empty.tsx'
import { ruv } from './format.ts'
import { Section } from './Section.tsx'
import { TransferForm } from './TransferForm.tsx'
import { TransferList } from './TransferList.tsx'

const toRuv = (micro: bigint) => Number(micro) / Number(MICRO_PER_RUV)

/** rUv: balance, supply, rewards and slashes per height, transfers, and sending. */
export function TokensView() {
  const chain = useChain()
  const self = useSelf()
  const s = chain.summary
  const earned = chain.earnings.reduce((sum, e) => sum + e.rewards, 0n)
  const slashed = chain.earnings.reduce((sum, e) => sum + e.slashed, 0n)
  // Rewards and slashes come from the ledger's events; a source may report balances only.
  const reported = chain.earnings.length > 0
  return (
    <Section id="tokens" title="Tokens">
      {s === undefined ? (
        <Empty waiting="No certified height has been reported yet." />
      ) : (
        <>
          <p className="big" data-testid="token-balance">
            {ruv(s.balance)}
          </p>
          <dl className="facts">
            <dt>Rewards seen here</dt>
            <dd data-testid="token-rewards">{reported ? ruv(earned) : '—'}</dd>
            <dt>Slashed</dt>
            <dd data-testid="token-slashed">{reported ? ruv(slashed) : '—'}</dd>
            <dt>Supply</dt>
            <dd data-testid="token-supply">
              {s.supply === undefined ? (
                '—'
              ) : (
                <>
                  {ruv(s.supply.minted - s.supply.burned)}
                  <span className="muted">
                    {' '}
                    ({ruv(s.supply.minted)} minted, {ruv(s.supply.burned)} burned)
                  </span>
                </>
              )}
            </dd>
            <dt>Certified at height</dt>
            <dd data-testid="token-height">{s.height}</dd>
          </dl>
          {chain.earnings.length > 0 && (
            <BarPlot
              title="Rewards and slashes per height (rUv)"
              testId="plot-earnings"
              format={(y) => y.toFixed(2)}
              series={[
                {
                  name: 'rewards',
                  tone: 's1',
                  values: chain.earnings.map((e) => ({ x: e.height, y: toRuv(e.rewards) })),
                },
                {
                  name: 'slashes',
                  tone: 's3',
                  values: chain.earnings
                    .filter((e) => e.slashed > 0n)
                    .map((e) => ({ x: e.height, y: -toRuv(e.slashed) })),
                },
              ]}
            />
          )}
          <TransferList rows={chain.transfers} self={self} />
        </>
      )}
      <TransferForm />
    </Section>
  )
}
