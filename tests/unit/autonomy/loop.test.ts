import { describe, expect, it } from 'vitest'
import type { AutonomyInit, Rule, TickReport } from '../../../shared/autonomy/index.ts'
import {
  AUDIT_STORAGE_PREFIX,
  AuditLog,
  AutonomyLoop,
  defaultRules,
  InvalidSettingsError,
} from '../../../shared/autonomy/index.ts'
import { identityFromSeeds } from '../../../shared/crypto/index.ts'
import { decodeUtf8, encodeUtf8 } from '../../../shared/protocol/index.ts'
import { MemoryStorage } from '../../../shared/storage/index.ts'
import { FakeClock, FakeSensors, RecordingActuators, START_CONTROLS } from './fakes.ts'

const JOB = 'mnist-test'
const identity = identityFromSeeds(new Uint8Array(32).fill(1), new Uint8Array(64).fill(2))

async function setup(init: Partial<AutonomyInit> = {}) {
  const clock = new FakeClock()
  const sensors = new FakeSensors()
  const actuators = new RecordingActuators()
  const storage = new MemoryStorage()
  const audit = await AuditLog.open({ storage, identity }, { job: JOB })
  const logs: string[] = []
  const loop = new AutonomyLoop(
    {
      sensors,
      actuators,
      clock,
      audit,
      logger: (level, message) => logs.push(`${level}: ${message}`),
    },
    { rules: defaultRules(), controls: START_CONTROLS, jobInnerSteps: 40, ...init },
  )
  return { clock, sensors, actuators, storage, audit, loop, logs }
}

const firedIds = (report: TickReport) => report.entry?.fired.map((f) => f.id)

describe('AutonomyLoop with the default policy', () => {
  it('pauses when the battery is low and not charging, and records why', async () => {
    const { sensors, actuators, loop, audit } = await setup({ settings: { trainOnBattery: true } })
    sensors.batteryReading = { level: 0.12, charging: false }
    const report = await loop.tick()
    expect(actuators.take()).toEqual([['pause']])
    expect(loop.controls.paused).toBe(true)
    expect(report.entry?.fired).toEqual([
      {
        id: 'battery-low',
        priority: 900,
        reasons: ['battery.charging is false, = false', 'battery.level is 0.12, < 0.2'],
      },
    ])
    expect(report.entry?.facts).toMatchObject({ 'battery.level': 0.12, 'battery.charging': false })
    expect(report.entry?.actions).toContainEqual({
      type: 'pause',
      by: 'rule:battery-low',
      ok: true,
    })
    expect(audit.verify().ok).toBe(true)

    sensors.batteryReading = { level: 0.12, charging: true }
    await loop.tick()
    expect(actuators.take()).toEqual([['resume']])
    expect(loop.controls.paused).toBe(false)
  })

  it('pauses on battery when the user has not allowed it', async () => {
    const { sensors, actuators, loop } = await setup()
    sensors.batteryReading = { level: 0.9, charging: false }
    expect(firedIds(await loop.tick())).toEqual(['on-battery'])
    expect(actuators.take()).toEqual([['pause']])
  })

  it('throttles a hidden tab and restores the duty cycle when it is visible again', async () => {
    const { sensors, actuators, loop } = await setup()
    sensors.isVisible = false
    const hidden = await loop.tick()
    expect(actuators.take()).toEqual([['setDutyCycle', 0.25]])
    expect(hidden.actions).toContainEqual({
      type: 'set',
      control: 'dutyCycle',
      from: 1,
      to: 0.25,
      by: 'rule:hidden-throttle',
      ok: true,
    })
    sensors.isVisible = true
    await loop.tick()
    expect(actuators.take()).toEqual([['setDutyCycle', 1]])
  })

  it('backs off under serious compute pressure and pauses under critical', async () => {
    const { sensors, actuators, loop } = await setup()
    sensors.pressureState = 'serious'
    await loop.tick()
    expect(actuators.take()).toEqual([['setDutyCycle', 0.25]])
    sensors.pressureState = 'critical'
    await loop.tick()
    expect(actuators.take()).toEqual([['pause'], ['setDutyCycle', 1]])
  })
})

describe('AutonomyLoop actuation', () => {
  it('keeps the user’s limits over any rule', async () => {
    const rules: Rule[] = [
      {
        id: 'greedy',
        priority: 0,
        conditions: [],
        actions: [
          { type: 'set', control: 'dutyCycle', value: 1 },
          { type: 'set', control: 'innerSteps', value: 500 },
        ],
      },
    ]
    const { actuators, loop } = await setup({
      rules,
      settings: { maxDutyCycle: 0.5, maxInnerSteps: 30 },
    })
    const report = await loop.tick()
    expect(actuators.take()).toEqual([
      ['setDutyCycle', 0.5],
      ['setInnerSteps', 30],
    ])
    expect(report.notes).toContain('dutyCycle 1 held to 0.5 (user’s limit 0.5)')
  })

  it('holds the user’s pause even with rules that do not mention it', async () => {
    const { actuators, loop } = await setup({ rules: [], settings: { paused: true } })
    const report = await loop.tick()
    expect(actuators.take()).toEqual([['pause']])
    expect(report.actions).toContainEqual({ type: 'pause', by: 'rule:user-paused', ok: true })
    loop.setSettings({ paused: false })
    await loop.tick()
    expect(actuators.take()).toEqual([['resume']])
  })

  it('pauses before changing other controls and resumes after', async () => {
    const rules: Rule[] = [
      {
        id: 'heavy',
        priority: 0,
        conditions: [{ fact: 'pressure.state', op: 'eq', value: 'critical' }],
        actions: [
          { type: 'set', control: 'compression', value: 3 },
          { type: 'set', control: 'backend', value: 'wasm' },
          { type: 'pause' },
        ],
      },
    ]
    const { sensors, actuators, loop } = await setup({ rules })
    sensors.pressureState = 'critical'
    await loop.tick()
    expect(actuators.take()).toEqual([['pause'], ['setBackend', 'wasm'], ['setCompression', 3]])
    sensors.pressureState = 'nominal'
    await loop.tick()
    expect(actuators.take()).toEqual([['setBackend', 'auto'], ['setCompression', 1], ['resume']])
  })

  it('records a failed actuator call and tries again on the next tick', async () => {
    const { sensors, actuators, loop, logs } = await setup()
    sensors.batteryReading = { level: 0.5, charging: false }
    actuators.failing.add('pause')
    const failed = await loop.tick()
    expect(failed.actions).toContainEqual({
      type: 'pause',
      by: 'rule:on-battery',
      ok: false,
      error: 'Error: pause refused',
    })
    expect(loop.controls.paused).toBe(false)
    expect(logs).toContain('warn: pause failed: Error: pause refused')
    actuators.failing.clear()
    actuators.take()
    await loop.tick()
    expect(actuators.take()).toEqual([['pause']])
    expect(loop.controls.paused).toBe(true)
  })

  it('keeps going when a sensor fails, leaving its facts absent', async () => {
    const { sensors, loop } = await setup()
    sensors.failing.add('battery')
    sensors.failing.add('visible')
    const report = await loop.tick()
    expect(report.facts['battery.level']).toBeUndefined()
    expect(report.facts['tab.visible']).toBeUndefined()
    expect(report.notes).toContain('sensor battery failed: battery unavailable')
    expect(report.entry?.notes).toContain('sensor visible failed: visible unavailable')
  })

  it('never runs two ticks at once', async () => {
    const { loop } = await setup()
    const [a, b] = [loop.tick(), loop.tick()]
    expect(a).toBe(b)
    await a
    expect(loop.tick()).not.toBe(a)
  })

  it('refuses settings outside their bounds', async () => {
    await expect(setup({ settings: { maxDutyCycle: 2 } })).rejects.toThrow(InvalidSettingsError)
    const { loop } = await setup()
    expect(() => loop.setSettings({ minInnerSteps: 50, maxInnerSteps: 10 })).toThrow(
      /settings.minInnerSteps: must be ≤ maxInnerSteps/,
    )
  })
})

describe('AutonomyLoop audit trail', () => {
  it('writes an entry when the decision changes, not on quiet ticks', async () => {
    const { sensors, loop, audit } = await setup()
    expect((await loop.tick()).entry?.seq).toBe(0)
    expect((await loop.tick()).entry).toBeUndefined()
    sensors.isVisible = false
    expect((await loop.tick()).entry?.seq).toBe(1)
    expect((await loop.tick()).entry).toBeUndefined()
    sensors.isVisible = true
    expect((await loop.tick()).entry?.seq).toBe(2)
    expect(audit.entries()).toHaveLength(3)
  })

  it('sends a rule’s log message to the logger when it starts firing, not every tick', async () => {
    const { sensors, loop, logs } = await setup({ settings: { trainOnBattery: true } })
    sensors.batteryReading = { level: 0.1, charging: false }
    const first = await loop.tick()
    await loop.tick()
    expect(logs).toEqual(['warn: Battery low and not charging: training paused.'])
    expect(first.entry?.actions).toContainEqual({
      type: 'log',
      by: 'rule:battery-low',
      level: 'warn',
      message: 'Battery low and not charging: training paused.',
    })
  })

  it('leaves a log whose tampered entry fails verification', async () => {
    const { sensors, loop, storage, audit } = await setup()
    sensors.isVisible = false
    await loop.tick()
    sensors.batteryReading = { level: 0.5, charging: false }
    await loop.tick()
    sensors.isVisible = true
    await loop.tick()
    expect(audit.verify()).toMatchObject({ ok: true, value: { count: 3 } })
    // Rewrite history: claim the node never paused for the battery.
    const key = `${AUDIT_STORAGE_PREFIX}${JOB}/e/${'1'.padStart(16, '0')}`
    const entry = JSON.parse(decodeUtf8((await storage.get(key)) ?? new Uint8Array())) as {
      actions: unknown[]
    }
    entry.actions = []
    await storage.put(key, encodeUtf8(JSON.stringify(entry)))
    const reopened = await AuditLog.open({ storage, identity }, { job: JOB })
    expect(reopened.verify()).toEqual({
      ok: false,
      reason: { seq: 1, reason: 'hash does not match the entry’s contents' },
    })
  })

  it('reports a failure to record without failing the tick', async () => {
    const failing = new AutonomyLoop(
      {
        sensors: {},
        actuators: new RecordingActuators(),
        clock: new FakeClock(),
        audit: await AuditLog.open(
          {
            storage: {
              get: () => Promise.resolve(undefined),
              put: () => Promise.reject(new Error('quota exceeded')),
              delete: () => Promise.resolve(),
              keys: () => Promise.resolve([]),
            },
            identity,
          },
          { job: JOB },
        ),
      },
      { rules: defaultRules(), controls: START_CONTROLS, jobInnerSteps: 40 },
    )
    const report = await failing.tick()
    expect(report.entry).toBeUndefined()
    expect(report.auditError).toBe('Error: quota exceeded')
  })
})
