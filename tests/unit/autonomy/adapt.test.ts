import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AutonomyInit } from '../../../shared/autonomy/index.ts'
import {
  AutonomyLoop,
  DEFAULT_ADAPT_CONFIG,
  defaultRules,
  MIN_DUTY_CYCLE,
} from '../../../shared/autonomy/index.ts'
import { FakeClock, FakeSensors, RecordingActuators, START_CONTROLS } from './fakes.ts'

// Adapt is exercised through the loop, with fake rounds, and without an audit log (no signing).
function setup(init: Partial<AutonomyInit> = {}) {
  const clock = new FakeClock()
  const sensors = new FakeSensors()
  const actuators = new RecordingActuators()
  const loop = new AutonomyLoop(
    { sensors, actuators, clock },
    { rules: defaultRules(), controls: START_CONTROLS, jobInnerSteps: 40, ...init },
  )
  const rounds = async (n: number, outcome: Parameters<FakeSensors['round']>[0] = {}) => {
    for (let i = 0; i < n; i++) sensors.round(outcome)
    clock.advance(10_000)
    return loop.tick()
  }
  return { clock, sensors, actuators, loop, rounds }
}

describe('Adapt on missed deadlines', () => {
  it('lowers H after two missed deadlines in a row, and again after two more', async () => {
    const { actuators, rounds } = setup()
    await rounds(1, { missedDeadline: true })
    expect(actuators.take()).toEqual([])
    const report = await rounds(1, { missedDeadline: true })
    expect(actuators.take()).toEqual([['setInnerSteps', 30]])
    expect(report.actions).toContainEqual({
      type: 'adapt',
      what: 'innerSteps',
      from: 40,
      to: 30,
      why: 'missed 2 deadlines in a row; lowering H',
    })
    expect(report.actions).toContainEqual(
      expect.objectContaining({ type: 'set', control: 'innerSteps', by: 'adapt', ok: true }),
    )
    await rounds(1, { missedDeadline: true })
    expect(actuators.take()).toEqual([])
    await rounds(1, { missedDeadline: true })
    expect(actuators.take()).toEqual([['setInnerSteps', 22]])
  })

  it('never lowers H below the user’s minimum, and says when it is at the limits', async () => {
    const { actuators, rounds } = setup({ settings: { minInnerSteps: 25 } })
    await rounds(2, { missedDeadline: true })
    await rounds(2, { missedDeadline: true })
    expect(actuators.take()).toEqual([
      ['setInnerSteps', 30],
      ['setInnerSteps', 25],
    ])
    const atLimit = await rounds(2, { missedDeadline: true })
    expect(actuators.take()).toEqual([])
    const note = atLimit.actions.find((a) => a.type === 'adapt')
    expect(note?.type === 'adapt' ? note.why : '').toMatch(/at the user’s limits/)
  })

  it('raises the duty cycle first when it is below the user’s cap and no rule holds it', async () => {
    const { actuators, rounds, loop } = setup({
      controls: { ...START_CONTROLS, dutyCycle: 0.5 },
      settings: { maxDutyCycle: 0.9 },
    })
    await rounds(2, { missedDeadline: true })
    expect(actuators.take()).toEqual([['setDutyCycle', 0.75]])
    await rounds(2, { missedDeadline: true })
    expect(actuators.take()).toEqual([['setDutyCycle', 0.9]])
    await rounds(2, { missedDeadline: true })
    expect(actuators.take()).toEqual([['setInnerSteps', 30]])
    expect(loop.adaptState).toMatchObject({ dutyCycle: 0.9, innerSteps: 30 })
  })

  it('lowers H rather than the duty cycle when a rule holds the duty cycle down', async () => {
    const { actuators, rounds, sensors } = setup({
      controls: { ...START_CONTROLS, dutyCycle: 0.5 },
    })
    sensors.isVisible = false
    await rounds(2, { missedDeadline: true })
    expect(actuators.take()).toEqual([
      ['setDutyCycle', 0.25],
      ['setInnerSteps', 30],
    ])
  })

  it('does not count rounds the node did not train for', async () => {
    const { actuators, rounds } = setup()
    await rounds(1, { missedDeadline: true })
    await rounds(3, { submitted: false, accepted: false })
    await rounds(1, { missedDeadline: true })
    expect(actuators.take()).toEqual([['setInnerSteps', 30]])
  })

  it('raises H again after enough rounds on time, never above the job’s H', async () => {
    const { actuators, rounds } = setup({ controls: { ...START_CONTROLS, innerSteps: 20 } })
    await rounds(DEFAULT_ADAPT_CONFIG.recoverStreak - 1)
    expect(actuators.take()).toEqual([])
    await rounds(1)
    expect(actuators.take()).toEqual([['setInnerSteps', 25]])
    for (let i = 0; i < 6; i++) await rounds(DEFAULT_ADAPT_CONFIG.recoverStreak)
    expect(actuators.take()).toEqual([
      ['setInnerSteps', 31],
      ['setInnerSteps', 38],
      ['setInnerSteps', 40],
    ])
  })
})

describe('Adapt on falling acceptance', () => {
  it('resyncs from the checkpoint, then waits a doubling backoff before the next', async () => {
    const { actuators, rounds, clock, loop } = setup()
    await rounds(3, { accepted: false })
    expect(actuators.take()).toEqual([])
    const resynced = await rounds(1, { accepted: false })
    expect(actuators.take()).toEqual([['resync']])
    expect(resynced.actions).toContainEqual({
      type: 'resync',
      by: 'adapt',
      why: 'acceptance 0 over 4 updates is below 0.5',
      ok: true,
    })
    // Acceptance counts afresh after the resync, and the backoff holds the next one off.
    await rounds(4, { accepted: false })
    expect(actuators.take()).toEqual([])
    clock.advance(DEFAULT_ADAPT_CONFIG.resyncBackoffMs)
    await rounds(1, { accepted: false })
    expect(actuators.take()).toEqual([['resync']])
    expect(loop.adaptState.resyncBackoffMs).toBe(4 * DEFAULT_ADAPT_CONFIG.resyncBackoffMs)
  })

  it('resets the backoff once a resync brings acceptance back', async () => {
    const { actuators, rounds, loop } = setup()
    await rounds(4, { accepted: false })
    expect(actuators.take()).toEqual([['resync']])
    expect(loop.adaptState.resyncPending).toBe(true)
    const recovered = await rounds(4)
    expect(loop.adaptState).toMatchObject({
      resyncPending: false,
      resyncBackoffMs: DEFAULT_ADAPT_CONFIG.resyncBackoffMs,
    })
    expect(recovered.actions).toContainEqual(
      expect.objectContaining({ type: 'adapt', what: 'resyncBackoffMs' }),
    )
  })

  it('does not resync on too few updates', async () => {
    const { actuators, rounds } = setup({ adapt: { minAcceptanceSamples: 6 } })
    await rounds(5, { accepted: false })
    expect(actuators.take()).toEqual([])
    await rounds(1, { accepted: false })
    expect(actuators.take()).toEqual([['resync']])
  })

  it('refuses thresholds outside their bounds', () => {
    expect(() => setup({ adapt: { missStreak: 0 } })).toThrow(
      /adapt.missStreak: must be in \[1, 20\]/,
    )
    expect(() => setup({ adapt: { resyncBelow: 0.9, resyncRecovered: 0.5 } })).toThrow(
      /adapt.resyncRecovered: must be ≥ resyncBelow/,
    )
  })
})

describe('Adapt bounds', () => {
  it('keeps H and the duty cycle within the user’s limits whatever the rounds bring', async () => {
    const outcome = fc.record({
      missedDeadline: fc.boolean(),
      accepted: fc.boolean(),
      submitted: fc.boolean(),
    })
    const limits = fc
      .record({
        minInnerSteps: fc.integer({ min: 1, max: 40 }),
        span: fc.integer({ min: 0, max: 60 }),
        maxDutyCycle: fc.double({ min: MIN_DUTY_CYCLE, max: 1, noNaN: true }),
        startDuty: fc.double({ min: MIN_DUTY_CYCLE, max: 1, noNaN: true }),
        hidden: fc.boolean(),
      })
      .map(({ span, ...rest }) => ({ ...rest, maxInnerSteps: rest.minInnerSteps + span }))
    await fc.assert(
      fc.asyncProperty(
        limits,
        fc.array(fc.array(outcome, { maxLength: 4 }), { maxLength: 40 }),
        async (l, ticks) => {
          const { actuators, loop, sensors, rounds } = setup({
            controls: { ...START_CONTROLS, dutyCycle: l.startDuty },
            settings: {
              minInnerSteps: l.minInnerSteps,
              maxInnerSteps: l.maxInnerSteps,
              maxDutyCycle: l.maxDutyCycle,
            },
          })
          sensors.isVisible = !l.hidden
          await rounds(0)
          for (const batch of ticks) {
            for (const o of batch) sensors.round(o)
            await rounds(0)
          }
          const cap = Math.min(l.maxInnerSteps, 40)
          for (const [name, value] of actuators.calls) {
            if (name === 'setInnerSteps') {
              expect(value).toBeGreaterThanOrEqual(l.minInnerSteps)
              expect(value).toBeLessThanOrEqual(Math.max(cap, l.minInnerSteps))
            }
            if (name === 'setDutyCycle') {
              expect(value).toBeGreaterThanOrEqual(MIN_DUTY_CYCLE)
              expect(value).toBeLessThanOrEqual(l.maxDutyCycle)
            }
          }
          expect(loop.controls.dutyCycle).toBeLessThanOrEqual(l.maxDutyCycle)
        },
      ),
      { numRuns: 60 },
    )
  })
})
