import { describe, expect, it } from 'vitest'
import { createActions, NOT_RUNNING, type NodePort } from '../../../app/state/actions.ts'
import { initialState } from '../../../app/state/reduce.ts'
import { SETTINGS_KEY, type KeyValueStore, type Settings } from '../../../app/state/settings.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import type { ChainSummary } from '../../../app/state/types.ts'
import type { HashHex, NodeId, Result, TokenAmount } from '../../../shared/types/index.ts'

const SELF = 'a'.repeat(64) as NodeId
const OTHER = 'b'.repeat(64)

function setup(balance = 2_000_000n) {
  const data: Record<string, string> = {}
  const storage: KeyValueStore = {
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
  }
  const store = createDashboardStore(initialState())
  const summary: ChainSummary = {
    height: 3,
    stateHash: 'c'.repeat(64) as HashHex,
    balance: balance as TokenAmount,
    member: true,
    memberCount: 1,
  }
  store.dispatchAll([
    { kind: 'identity', nodeId: SELF },
    { kind: 'chain', summary },
  ])
  const actions = createActions(store, storage)
  return { store, actions, data }
}

class FakeNode implements NodePort {
  applied: Settings[] = []
  sent: [NodeId, TokenAmount][] = []
  answer: Result<void> = { ok: true, value: undefined }
  applySettings(s: Settings) {
    this.applied.push(s)
    return Promise.resolve(this.answer)
  }
  sendTransfer(to: NodeId, amount: TokenAmount) {
    this.sent.push([to, amount])
    return Promise.resolve(this.answer)
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('actions before the node runs', () => {
  it('save a control change and say plainly that it is not applied yet', () => {
    const { store, actions, data } = setup()
    actions.setPaused(true)
    actions.setDutyCycle(0.5)
    expect(store.getSnapshot().settings).toMatchObject({ paused: true, dutyCycle: 0.5 })
    expect(JSON.parse(data[SETTINGS_KEY] ?? '{}')).toMatchObject({ paused: true, dutyCycle: 0.5 })
    expect(store.getSnapshot().notice?.text).toMatch(
      /^Saved, not applied yet: no training node runs in this tab/,
    )
  })

  it('refuse a duty cycle outside its bounds and keep the old one', () => {
    const { store, actions } = setup()
    actions.setDutyCycle(0)
    expect(store.getSnapshot().settings.dutyCycle).toBe(1)
    expect(store.getSnapshot().notice).toMatchObject({ tone: 'error' })
  })

  it('refuse a valid transfer with a clear reason instead of pretending to send it', async () => {
    const { store, actions } = setup()
    const r = await actions.sendTransfer(OTHER, '0.5')
    expect(r).toEqual({ ok: false, reason: NOT_RUNNING })
    expect(store.getSnapshot().transfer).toEqual({ state: 'failed', reason: NOT_RUNNING })
  })
})

describe('transfer validation', () => {
  const { actions } = setup(1_500_000n)
  it.each([
    ['xyz', '1', /Recipient: a node id is 64 hex/],
    [SELF, '1', /that is this node/],
    [OTHER, '', /Amount: enter an amount/],
    [OTHER, '0', /more than 0/],
    [OTHER, '1.0000001', /at most 6 decimal places/],
    [OTHER, '2', /more than the balance of 1.500000 rUv/],
    [OTHER, '-1', /cannot be negative/],
  ])('refuses to %s amount %s', (to, amount, reason) => {
    const r = actions.checkTransfer(to, amount)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })

  it('accepts an upper-case id with spaces around it and an amount with the unit', () => {
    expect(actions.checkTransfer(`  ${OTHER.toUpperCase()} `, '1.25 rUv')).toEqual({
      ok: true,
      value: { to: OTHER, amount: 1_250_000n },
    })
  })
})

describe('actions with the node connected', () => {
  it('hand the settings to the node, at once and on every change', async () => {
    const { actions } = setup()
    const node = new FakeNode()
    actions.connectNode(node)
    actions.setTrainOnBattery(true)
    await settle()
    expect(node.applied.map((s) => s.trainOnBattery)).toEqual([false, true])
  })

  it('show the node’s refusal of a setting', async () => {
    const { store, actions } = setup()
    const node = new FakeNode()
    actions.connectNode(node)
    node.answer = { ok: false, reason: 'worker busy' }
    actions.setJoined(false)
    await settle()
    expect(store.getSnapshot().notice).toEqual({
      tone: 'error',
      text: 'The node refused: worker busy.',
    })
  })

  it('send a checked transfer through the node and report it sent', async () => {
    const { store, actions } = setup()
    const node = new FakeNode()
    actions.connectNode(node)
    await expect(actions.sendTransfer(OTHER, '0.25')).resolves.toEqual({
      ok: true,
      value: undefined,
    })
    expect(node.sent).toEqual([[OTHER, 250_000n]])
    expect(store.getSnapshot().transfer).toEqual({ state: 'sent', to: OTHER, amount: 250_000n })
  })

  it('stop reaching the node once disconnected', async () => {
    const { actions } = setup()
    const node = new FakeNode()
    const disconnect = actions.connectNode(node)
    disconnect()
    expect(await actions.sendTransfer(OTHER, '0.25')).toEqual({ ok: false, reason: NOT_RUNNING })
    expect(node.sent).toEqual([])
  })
})
