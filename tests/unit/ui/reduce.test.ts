import { describe, expect, it } from 'vitest'
import type { Height, NodeId } from '../../../shared/types/index.ts'
import { activityOf } from '../../../app/state/activity.ts'
import { initialState, reduce } from '../../../app/state/reduce.ts'
import { stepsPerSecond } from '../../../app/state/reduce-training.ts'
import { events, fedStore, last, ofKind, recorded } from './fixture.ts'

describe('the dashboard reducer over a recorded simulator run', () => {
  const state = fedStore().getSnapshot()
  const self = ofKind('identity')[0]!.nodeId

  it('follows consensus to the last certified height with its certificate and state hash', () => {
    const committed = events('committed')
    const top = last(committed)
    expect(state.consensus.committedHeight).toBe(top.height)
    expect(state.consensus.certificates[0]).toMatchObject({
      height: top.height,
      block: top.block,
      stateHash: top.stateHash,
      voters: top.voters,
    })
    expect(state.consensus.certificates.map((c) => c.height)).toEqual(
      [...state.consensus.certificates.map((c) => c.height)].sort((a, b) => b - a),
    )
    expect(state.consensus.height).toBe(last(events('height-started')).height)
  })

  it('keeps one timeline record per height, each committed one with its duration', () => {
    const heights = events('height-started').map((e) => e.height)
    expect(state.consensus.timeline.map((r) => r.height)).toEqual(heights)
    for (const c of events('committed')) {
      const r = state.consensus.timeline.find((x) => x.height === c.height)
      expect(r?.outcome).toBe('committed')
      expect(r?.committedAt).toBe(c.at)
    }
  })

  it('counts the equivocator’s evidence and shows the quorum of the current members', () => {
    expect(state.consensus.evidence).toHaveLength(events('evidence').length)
    expect(state.consensus.evidence.length).toBeGreaterThan(0)
    const members = last(events('height-started')).members
    expect(state.consensus.members).toBe(members)
    expect(state.consensus.quorum).toBe(Math.floor((2 * members) / 3) + 1)
  })

  it('shows the certified balance, and it equals what the ledger events add up to', () => {
    const summary = last(ofKind('chain')).summary
    expect(state.chain.summary).toEqual(summary)
    const rewards = state.chain.earnings.reduce((s, e) => s + e.rewards - e.slashed, 0n)
    const settled = state.chain.transfers.filter((t) => t.skipped === undefined)
    const moved = settled.reduce((s, t) => s + (t.to === self ? t.amount : -t.amount), 0n)
    expect(rewards + moved).toBe(summary.balance)
    expect(summary.supply!.minted - summary.supply!.burned).toBeGreaterThan(0n)
    expect(summary.member).toBe(true)
  })

  it('lists the transfers touching this node, settled and skipped with the reason', () => {
    const touching = ofKind('ledger')
      .flatMap((l) => l.events)
      .filter(
        (e) =>
          (e.type === 'transfer' || e.type === 'transfer-skipped') &&
          (e.from === self || e.to === self),
      )
    expect(state.chain.transfers).toHaveLength(touching.length)
    expect(state.chain.transfers.some((t) => t.skipped === 'wrong-nonce')).toBe(true)
  })

  it('keeps each node’s last update quality and the samples of this node’s included updates', () => {
    const rewards = ofKind('ledger').flatMap((l) => l.events.filter((e) => e.type === 'reward'))
    for (const r of rewards)
      expect(state.chain.quality[r.node]?.height).toBeGreaterThanOrEqual(r.height)
    const own = rewards.filter((r) => r.node === self)
    expect(state.chain.samplesIncluded).toBe(own.reduce((s, r) => s + r.samples, 0))
  })

  it('builds the training series per height from the trainer’s reports', () => {
    expect(state.training.evals.map((e) => e.height)).toEqual(
      ofKind('evaluated')
        .map((e) => e.height)
        .sort((a, b) => a - b),
    )
    expect(state.training.samplesTrained).toBe(
      ofKind('trained').reduce((s, t) => s + t.metrics.samples, 0),
    )
    expect(state.training.traffic).toHaveLength(ofKind('traffic').length)
    expect(state.training.backend).toEqual(ofKind('backend')[0]!.report)
    expect(stepsPerSecond(state.training)).toBeGreaterThan(0)
    expect(last(state.training.evals).accuracy).toBeGreaterThan(state.training.evals[0]!.accuracy)
  })

  it('keeps the audit entries and the controls the loop put in force', () => {
    expect(state.agent.entries.map((e) => e.seq)).toEqual(ofKind('audit').map((a) => a.entry.seq))
    expect(state.agent.controls).toEqual(last(ofKind('controls')).controls)
  })

  it('reads as paused while the agent paused training, and training or voting otherwise', () => {
    const inputs = recorded()
    const paused = inputs.findIndex((i) => i.kind === 'controls' && i.controls.paused)
    expect(paused).toBeGreaterThan(0)
    expect(activityOf(fedStore(paused + 1).getSnapshot())).toBe('paused')
    const trained = inputs.findIndex((i) => i.kind === 'progress')
    expect(['training', 'voting', 'joining']).toContain(
      activityOf(fedStore(trained + 1).getSnapshot()),
    )
    expect(activityOf(initialState())).toBe('not running')
  })
})

describe('reduce', () => {
  const committed = {
    height: 1,
    round: 0,
    block: 'a'.repeat(64),
    stateHash: 'b'.repeat(64),
    voters: 3,
    at: 10,
    latencyMs: 5,
  }

  it('returns the same state for an input that changes nothing', () => {
    const s = initialState()
    const votes = {
      type: 'votes',
      height: 9 as Height,
      round: 0,
      prevotes: 1,
      precommits: 0,
      quorum: 3,
    } as const
    expect(reduce(s, { kind: 'node', event: votes })).toBe(s)
    expect(reduce(s, { kind: 'attached', attached: false })).toBe(s)
  })

  it('counts a height’s ledger events once even when they are reported twice', () => {
    const self = 'c'.repeat(64) as NodeId
    const reward = {
      type: 'reward',
      height: 1,
      node: self,
      amount: 5n,
      qualityPpm: 1_000_000,
      samples: 64,
    } as const
    let s = reduce(initialState(), { kind: 'identity', nodeId: self })
    s = reduce(s, { kind: 'ledger', height: 1, events: [reward as never] })
    const again = reduce(s, { kind: 'ledger', height: 1, events: [reward as never] })
    expect(again).toBe(s)
    expect(s.chain.earnings).toEqual([{ height: 1, rewards: 5n, slashed: 0n, samples: 64 }])
  })

  it('marks a certificate learned by sync as synced', () => {
    let s = reduce(initialState(), {
      kind: 'node',
      event: { type: 'committed', ...committed } as never,
    })
    s = reduce(s, { kind: 'node', event: { type: 'synced', height: 1, from: 'peer' } as never })
    expect(s.consensus.certificates[0]?.synced).toBe(true)
    expect(s.consensus.timeline[0]?.outcome).toBe('synced')
  })
})
