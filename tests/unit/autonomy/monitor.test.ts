import { describe, expect, it } from 'vitest'
import { History, monitor, resolveSettings } from '../../../shared/autonomy/index.ts'
import type { Sensors } from '../../../shared/autonomy/index.ts'
import { FakeSensors, START_CONTROLS } from './fakes.ts'

const settings = (() => {
  const s = resolveSettings()
  if (!s.ok) throw new Error('defaults must be valid')
  return s.value
})()

function setup(sensors: Sensors = new FakeSensors()) {
  const history = new History()
  return { history, read: (now = 0) => monitor(sensors, history, now, settings, START_CONTROLS) }
}

describe('monitor', () => {
  it('reads every sensor into facts, with the settings and the controls', async () => {
    const sensors = new FakeSensors()
    sensors.batteryReading = { level: 0.4, charging: true }
    sensors.isVisible = false
    sensors.pressureState = 'serious'
    sensors.trainingReading = { stepMs: 35, backend: 'wasm' }
    sensors.round({ trainLoss: 2.0 })
    sensors.round({ trainLoss: 1.8, accepted: false })
    sensors.round({ trainLoss: 1.6, missedDeadline: true })
    sensors.swarmHeight = 5
    sensors.tokens = 10
    const { read } = setup(sensors)
    await read(0)
    sensors.tokens = 12
    const { facts, notes, newRounds } = await read(30 * 60_000)
    expect(notes).toEqual([])
    expect(newRounds).toBe(0)
    expect(facts).toEqual({
      'battery.level': 0.4,
      'battery.charging': true,
      'tab.visible': false,
      'pressure.state': 'serious',
      'train.stepMs': 35,
      'train.backend': 'wasm',
      'round.lag': 2,
      'round.height': 3,
      'round.missedStreak': 1,
      'updates.acceptanceRate': 2 / 3,
      'updates.samples': 3,
      'tokens.perHour': 4,
      'loss.trend': expect.closeTo(-0.2, 10) as number,
      'settings.trainOnBattery': false,
      'settings.trainWhenHidden': false,
      'settings.paused': false,
      'settings.maxDutyCycle': 1,
      'control.paused': false,
      'control.dutyCycle': 1,
      'control.innerSteps': 40,
      'control.backend': 'auto',
      'control.compression': 1,
    })
  })

  it('leaves out what the platform cannot observe', async () => {
    const { facts } = await setup({}).read()
    expect(Object.keys(facts).filter((k) => !/^(settings|control)\./.test(k))).toEqual([])
  })

  it('rejects out-of-range readings with a note instead of a fact', async () => {
    const { facts, notes } = await setup({
      battery: () => ({ level: 1.5, charging: true }),
      pressure: () => 'melting' as never,
      training: () => ({ stepMs: Number.NaN }),
    }).read()
    expect(facts['battery.level']).toBeUndefined()
    expect(facts['battery.charging']).toBe(true)
    expect(facts['pressure.state']).toBeUndefined()
    expect(notes).toEqual([
      'sensor reading battery.level rejected: 1.5',
      'sensor reading pressure.state rejected: "melting"',
      'sensor reading train.stepMs rejected: NaN',
    ])
  })

  it('turns a rejected promise into a note', async () => {
    const { notes } = await setup({
      rounds: () => Promise.reject(new Error('node stopped')),
    }).read()
    expect(notes).toEqual(['sensor rounds failed: node stopped'])
  })
})

describe('History', () => {
  const outcome = (
    height: number,
    over: Partial<Parameters<History['addRounds']>[0][number]> = {},
  ) => ({
    height,
    submitted: true,
    missedDeadline: false,
    accepted: true,
    ...over,
  })

  it('takes each height once, in order, and ignores malformed outcomes', () => {
    const history = new History()
    expect(history.addRounds([outcome(2), outcome(1)])).toBe(2)
    expect(history.addRounds([outcome(1), outcome(2), outcome(3)])).toBe(1)
    expect(
      history.addRounds([{ height: -1 } as never, { ...outcome(4), accepted: 'yes' } as never]),
    ).toBe(0)
    expect(history.latestHeight()).toBe(3)
  })

  it('keeps a bounded window of rounds', () => {
    const history = new History()
    history.addRounds(Array.from({ length: 200 }, (_, i) => outcome(i, { accepted: i >= 190 })))
    expect(history.acceptance()).toEqual({ rate: 1, samples: 8 })
    expect(history.addRounds([outcome(5)])).toBe(0)
  })

  it('counts streaks over trained rounds only, after a given height', () => {
    const history = new History()
    history.addRounds([
      outcome(1),
      outcome(2, { missedDeadline: true }),
      outcome(3, { submitted: false, accepted: false }),
      outcome(4, { missedDeadline: true }),
    ])
    expect(history.streak(true)).toBe(2)
    expect(history.streak(false)).toBe(0)
    expect(history.streak(true, 2)).toBe(1)
  })

  it('computes acceptance over own updates after a given height', () => {
    const history = new History()
    history.addRounds([
      outcome(1, { accepted: false }),
      outcome(2),
      outcome(3, { submitted: false, accepted: false }),
    ])
    expect(history.acceptance()).toEqual({ rate: 0.5, samples: 2 })
    expect(history.acceptance(1)).toEqual({ rate: 1, samples: 1 })
    expect(history.acceptance(2)).toEqual({ rate: undefined, samples: 0 })
  })

  it('reports an earning rate once samples span a minute, and restarts if the clock goes back', () => {
    const history = new History()
    history.addBalance(0, 5)
    history.addBalance(30_000, 6)
    expect(history.tokensPerHour()).toBeUndefined()
    history.addBalance(60_000, 7)
    expect(history.tokensPerHour()).toBe(120)
    history.addBalance(10_000, 7)
    expect(history.tokensPerHour()).toBeUndefined()
  })

  it('needs three losses for a trend', () => {
    const history = new History()
    history.addRounds([outcome(1, { trainLoss: 3 }), outcome(2, { trainLoss: 2 })])
    expect(history.lossTrend()).toBeUndefined()
    history.addRounds([outcome(3, { trainLoss: 1 })])
    expect(history.lossTrend()).toBe(-1)
  })
})
