// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { formatRuv } from '../../../shared/ledger/index.ts'
import { events, fedStore, last, ofKind } from './fixture.ts'
import { renderApp } from './render.tsx'

afterEach(cleanup)

const text = (id: string) => screen.getByTestId(id).textContent ?? ''

describe('the dashboard fed with a recorded simulator run', () => {
  function setup() {
    const store = fedStore()
    return { store, state: store.getSnapshot(), ...renderApp(store) }
  }

  it('says that the data is recorded, not this tab’s node', () => {
    setup()
    expect(text('replay-banner')).toMatch(/recorded events/)
  })

  it('shows consensus: height, round, phase, proposer and votes against the quorum', () => {
    const { state } = setup()
    const c = state.consensus
    expect(text('consensus-height')).toBe(String(c.height))
    expect(text('consensus-round')).toBe(String(c.round))
    expect(text('consensus-phase')).toBe(c.phase ?? 'starting')
    expect(screen.getByTestId('consensus-proposer').querySelector('code')?.title).toBe(c.proposer)
    expect(text('consensus-prevotes')).toBe(`${c.prevotes} / ${c.quorum}`)
    expect(text('consensus-precommits')).toBe(`${c.precommits} / ${c.quorum}`)
    const meter = screen.getByRole('meter', { name: /^Prevotes/ })
    expect(meter.getAttribute('aria-valuenow')).toBe(String(c.prevotes))
  })

  it('lists the last certificates with their full state hashes, newest first', () => {
    const { state } = setup()
    const rows = screen.getAllByTestId('certificate-row')
    expect(rows.map((r) => Number(r.dataset.height))).toEqual(
      state.consensus.certificates.map((c) => c.height),
    )
    const top = last(events('committed'))
    expect(within(rows[0]!).getByTestId('certificate-state').title).toBe(top.stateHash)
  })

  it('draws one timeline bar per height and marks the ones with evidence', () => {
    const { state } = setup()
    const bars = screen.getAllByTestId('timeline-height')
    expect(bars.map((b) => Number(b.dataset.height))).toEqual(
      state.consensus.timeline.map((r) => r.height),
    )
    const withEvidence = state.consensus.timeline.filter((r) => r.evidence > 0).length
    expect(screen.getByTestId('timeline').querySelectorAll('circle.evidence')).toHaveLength(
      withEvidence,
    )
    expect(screen.getByTestId('timeline').getAttribute('aria-label')).toMatch(/with evidence/)
  })

  it('shows the certified balance, the supply, and the transfers with their outcome', () => {
    const { state } = setup()
    const summary = last(ofKind('chain')).summary
    expect(text('token-balance')).toBe(formatRuv(summary.balance))
    expect(text('glance-balance')).toBe(formatRuv(summary.balance))
    expect(text('token-supply')).toContain(
      formatRuv(summary.supply!.minted - summary.supply!.burned),
    )
    const rows = screen.getAllByTestId('transfer-row')
    expect(rows).toHaveLength(state.chain.transfers.length)
    expect(rows.some((r) => /skipped: wrong nonce/.test(r.textContent ?? ''))).toBe(true)
    expect(
      screen.getByTestId('plot-earnings').querySelectorAll('[data-series="rewards"] rect'),
    ).toHaveLength(state.chain.earnings.length)
  })

  it('plots accuracy and loss per height and the bytes moved', () => {
    setup()
    const evals = ofKind('evaluated')
    const lastEval = evals.reduce((a, b) => (b.height > a.height ? b : a))
    expect(text('train-accuracy')).toBe(
      `${(100 * lastEval.result.accuracy).toFixed(1)} % at height ${lastEval.height}`,
    )
    const accuracy = screen.getByTestId('plot-accuracy').querySelector('[data-series="accuracy"]')
    expect(accuracy?.getAttribute('data-points')).toBe(String(evals.length))
    expect(accuracy?.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(
      evals.length,
    )
    const sent = screen.getByTestId('plot-bytes').querySelectorAll('[data-series="sent"] rect')
    expect(sent).toHaveLength(ofKind('traffic').length)
  })

  it('shows the node: backend and why, steps per second, samples, duty cycle, copyable id', () => {
    const { state } = setup()
    const backend = ofKind('backend')[0]!.report
    expect(text('node-backend')).toContain(backend.chosen)
    expect(text('node-backend')).toContain(backend.reason)
    expect(Number(text('node-steps'))).toBeGreaterThan(0)
    expect(text('node-samples')).toContain(state.training.samplesTrained.toLocaleString('en-US'))
    expect(text('node-duty')).toMatch(/^100 % in force/)
    expect(screen.getByTestId('node-id').dataset.full).toBe(state.self)
    expect(screen.getByRole('button', { name: 'Copy node id' })).toBeTruthy()
  })

  it('lists the members with since, last seen and their last update’s quality', () => {
    const { state } = setup()
    const members = last(ofKind('chain')).summary.members!
    const rows = screen.getAllByTestId('member-row')
    expect(text('member-count')).toBe(String(members.length))
    expect(rows.map((r) => [r.dataset.node, r.dataset.peer])).toEqual(
      members.map((m) => [m.node, m.peer]),
    )
    for (const [i, m] of members.entries()) {
      const row = within(rows[i]!)
      expect(row.getByTestId('member-since').textContent).toBe(`height ${m.since}`)
      expect(row.getByTestId('member-seen').textContent).toMatch(
        new RegExp(`^height ${m.lastSeen}`),
      )
      const q = state.chain.quality[m.node]
      expect(row.getByTestId('member-quality').textContent).toBe(
        q === undefined ? '—' : `quality ${Math.round(q.ppm / 1e4)} % at height ${q.height}`,
      )
    }
    expect(rows.filter((r) => /this node/.test(r.textContent ?? ''))).toHaveLength(1)
  })

  it('shows the round in progress, else the last finished one', () => {
    const store = fedStore()
    renderApp(store)
    const round = last(ofKind('trained'))
    expect(text('node-round')).toBe(`last: ${round.metrics.steps} steps for height ${round.height}`)
    act(() =>
      store.dispatch({
        kind: 'progress',
        height: round.height + 1,
        progress: { step: 7, maxSteps: 100, samples: 448, loss: 2.1, elapsedMs: 100 },
      }),
    )
    expect(text('node-round')).toBe(`step 7 of 100 for height ${round.height + 1}`)
  })

  it('shows the agent’s decisions, newest first, in words', () => {
    setup()
    const entries = screen.getAllByTestId('audit-entry')
    expect(entries.map((e) => Number(e.dataset.seq))).toEqual(
      ofKind('audit')
        .map((a) => a.entry.seq)
        .reverse(),
    )
    const all = entries.map((e) => e.textContent ?? '').join('\n')
    expect(all).toMatch(/paused training \(rule on-battery\)/)
    expect(all).toMatch(/duty cycle 100 % → 25 % \(rule hidden-throttle\)/)
  })
})
