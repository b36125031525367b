// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { NOT_RUNNING } from '../../../app/state/actions.ts'
import { INITIAL_SWARM } from '../../../app/state/reduce.ts'
import { SETTINGS_KEY } from '../../../app/state/settings.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import type { ChainSummary } from '../../../app/state/types.ts'
import type { HashHex, NodeId, PeerIdString, TokenAmount } from '../../../shared/types/index.ts'
import { renderApp } from './render.tsx'

afterEach(cleanup)

const SELF = 'a'.repeat(64) as NodeId
const PEER = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo' as PeerIdString
const text = (id: string) => screen.getByTestId(id).textContent ?? ''

function summary(members: ChainSummary['members'] = []): ChainSummary {
  return {
    height: 4,
    stateHash: 'd'.repeat(64) as HashHex,
    members,
    member: true,
    memberCount: members.length + 1,
    balance: 3_000_000n as TokenAmount,
    supply: { minted: 9_000_000n as TokenAmount, burned: 0n as TokenAmount },
  }
}

describe('the dashboard before the node runs in the tab', () => {
  it('says so in every view instead of showing numbers', () => {
    renderApp(createDashboardStore())
    expect(text('activity')).toBe('not running')
    expect(screen.getAllByTestId('empty').length).toBeGreaterThanOrEqual(4)
    expect(text('glance-height')).toBe('—')
    expect(text('glance-balance')).toBe('—')
    expect(screen.queryByTestId('replay-banner')).toBeNull()
  })

  it('keeps the swarm connection’s view and its test ids', () => {
    const store = createDashboardStore()
    store.dispatch({
      kind: 'swarm',
      snapshot: { ...INITIAL_SWARM, status: 'running', peerId: 'me' },
    })
    renderApp(store)
    expect(text('node-status')).toBe('running')
    expect(text('peer-id')).toBe('me')
    for (const id of ['relay-state', 'relay-reserved', 'relay-reconnects', 'peer-count'])
      expect(screen.getByTestId(id)).toBeTruthy()
  })
})

describe('controls', () => {
  it('show a new compute limit at once, before the store tells its views (once per frame)', () => {
    const frames: (() => void)[] = []
    const store = createDashboardStore(undefined, { schedule: (flush) => frames.push(flush) })
    renderApp(store)
    const slider = screen.getByLabelText<HTMLInputElement>(/Compute limit/)
    // Two quick steps down, as two key presses between animation frames would make them.
    fireEvent.change(slider, { target: { value: '0.95' } })
    expect(slider.value).toBe('0.95')
    expect(text('control-duty-value')).toBe('95 %')
    fireEvent.change(slider, { target: { value: '0.9' } })
    act(() => frames.splice(0).forEach((f) => f()))
    expect(text('control-duty-value')).toBe('90 %')
    expect(store.getSnapshot().settings.dutyCycle).toBe(0.9)
  })

  it('are labelled, change the settings, persist them and say they are not applied yet', () => {
    const store = createDashboardStore()
    const { data } = renderApp(store)
    fireEvent.click(screen.getByRole('button', { name: 'Pause training' }))
    expect(screen.getByRole('button', { name: 'Resume training' })).toBeTruthy()
    fireEvent.click(screen.getByLabelText('Train on battery'))
    fireEvent.click(screen.getByLabelText('Keep training when the tab is hidden'))
    fireEvent.change(screen.getByLabelText(/Compute limit/), { target: { value: '0.35' } })
    expect(text('control-duty-value')).toBe('35 %')
    expect(store.getSnapshot().settings).toEqual({
      joined: true,
      paused: true,
      dutyCycle: 0.35,
      trainOnBattery: true,
      trainWhenHidden: true,
    })
    expect(JSON.parse(data[SETTINGS_KEY] ?? '{}')).toEqual(store.getSnapshot().settings)
    expect(text('control-notice')).toMatch(
      /^Saved, not applied yet: no training node runs in this tab/,
    )
    expect(text('activity')).toBe('not running')
  })

  it('leave the swarm, which disables pausing until the node joins again', () => {
    const store = createDashboardStore()
    renderApp(store)
    fireEvent.click(screen.getByRole('button', { name: 'Leave the swarm' }))
    expect(store.getSnapshot().settings.joined).toBe(false)
    expect(screen.getByRole('button', { name: 'Pause training' })).toHaveProperty('disabled', true)
    fireEvent.click(screen.getByRole('button', { name: 'Join the swarm' }))
    expect(store.getSnapshot().settings.joined).toBe(true)
  })
})

describe('the transfer form', () => {
  function setup() {
    const store = createDashboardStore()
    store.dispatchAll([
      { kind: 'identity', nodeId: SELF },
      { kind: 'chain', summary: summary() },
    ])
    return { store, ...renderApp(store) }
  }
  const fill = (to: string, amount: string) => {
    fireEvent.change(screen.getByLabelText('Recipient node id'), { target: { value: to } })
    fireEvent.change(screen.getByLabelText('Amount (rUv)'), { target: { value: amount } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign and send' }))
  }

  it('names what is wrong with the recipient or the amount', () => {
    setup()
    fill('not-an-id', '1')
    expect(text('transfer-error')).toMatch(/^Recipient: a node id is 64 hex/)
    expect(screen.getByLabelText('Recipient node id').getAttribute('aria-invalid')).toBe('true')
    fill('b'.repeat(64), '5')
    expect(text('transfer-error')).toBe('Amount: more than the balance of 3.000000 rUv.')
  })

  it('refuses a valid transfer while the node does not run, and sends it once it does', async () => {
    const { actions } = setup()
    fill('b'.repeat(64), '1.5')
    await act(() => Promise.resolve())
    expect(text('transfer-error')).toBe(NOT_RUNNING)
    const sent: bigint[] = []
    actions.connectNode({
      applySettings: () => Promise.resolve({ ok: true, value: undefined }),
      sendTransfer: (_to, amount) => (
        sent.push(amount),
        Promise.resolve({ ok: true, value: undefined })
      ),
    })
    fill('b'.repeat(64), '1.5')
    await act(() => Promise.resolve())
    expect(sent).toEqual([1_500_000n])
    expect(text('transfer-sent')).toMatch(/^Sent 1.500000 rUv to bbbbbbbb…bbbb/)
  })
})

describe('peers and members', () => {
  it('join a peer to its membership and its last update’s quality', () => {
    const store = createDashboardStore()
    const node = 'e'.repeat(64) as NodeId
    store.dispatchAll([
      {
        kind: 'swarm',
        snapshot: { ...INITIAL_SWARM, peers: [{ id: PEER, connection: 'relayed', rttMs: 41.6 }] },
      },
      { kind: 'chain', summary: summary([{ node, peer: PEER, since: 2, lastSeen: 4 }]) },
      {
        kind: 'ledger',
        height: 4,
        events: [
          {
            type: 'reward',
            height: 4 as never,
            node,
            amount: 1n as TokenAmount,
            qualityPpm: 870_000,
            samples: 6400,
          },
        ],
      },
    ])
    renderApp(store)
    expect(text('peer-count')).toBe('1')
    const row = screen.getByTestId('peer-row')
    expect(row.dataset.connection).toBe('relayed')
    expect(text('peer-rtt')).toBe('42 ms')
    expect(text('peer-since')).toMatch(/^height 2 \(eeeeeeee…eeee\)$/)
    expect(text('peer-quality')).toBe('quality 87 % at height 4')
  })
})

describe('the update prompt', () => {
  it('appears when a new version waits, and reloads or hides on request', async () => {
    const store = createDashboardStore()
    const { actions } = renderApp(store)
    let updates = 0
    actions.connectUpdate({ update: () => (updates++, Promise.resolve()) })
    expect(screen.queryByTestId('update-prompt')).toBeNull()
    act(() => store.dispatch({ kind: 'pwa', pwa: { needRefresh: true } }))
    fireEvent.click(screen.getByRole('button', { name: 'Reload now' }))
    await act(() => Promise.resolve())
    expect(updates).toBe(1)
    act(() => store.dispatch({ kind: 'pwa', pwa: { needRefresh: true } }))
    fireEvent.click(screen.getByRole('button', { name: 'Later' }))
    expect(screen.queryByTestId('update-prompt')).toBeNull()
  })
})
