import { describe, expect, it } from 'vitest'
import { NodeAgent, type AgentRuntime } from '../../../../app/autonomy/agent.ts'
import type { BatteryManagerLike, BrowserEnvironment } from '../../../../app/autonomy/sensors.ts'
import type { AutonomyContext } from '../../../../app/node/runtime.ts'
import { DEFAULT_SETTINGS, type Settings } from '../../../../app/state/settings.ts'
import type { DashboardInput } from '../../../../app/state/types.ts'
import {
  HIDDEN_DUTY_CYCLE,
  type AuditEntry,
  type BackendChoice,
  type Controls,
} from '../../../../shared/autonomy/index.ts'
import { identityFromSeeds } from '../../../../shared/crypto/index.ts'
import type { JobId } from '../../../../shared/job/index.ts'
import { MemoryStorage } from '../../../../shared/storage/index.ts'

const identity = identityFromSeeds(new Uint8Array(32).fill(3), new Uint8Array(64).fill(4))
const JOB = 'ab'.repeat(32) as JobId

/** A runtime that records the controls it is asked to turn. */
class FakeRuntime implements AgentRuntime {
  calls: unknown[][] = []
  snapshot = {
    paused: false,
    dutyCycle: 1,
    innerSteps: undefined as number | undefined,
    balanceMicro: '0',
    stateHash: undefined as string | undefined,
    backend: 'wasm' as string | undefined,
  }
  ready: (c: AutonomyContext) => void = () => undefined
  readonly #context: Promise<AutonomyContext>
  constructor() {
    this.#context = new Promise((r) => (this.ready = r))
  }
  autonomyContext() {
    return this.#context
  }
  #record(call: unknown[], patch: Partial<FakeRuntime['snapshot']> = {}): Promise<void> {
    this.calls.push(call)
    this.snapshot = { ...this.snapshot, ...patch }
    return Promise.resolve()
  }
  pause() {
    return this.#record(['pause'], { paused: true })
  }
  resume() {
    return this.#record(['resume'], { paused: false })
  }
  setDutyCycle(f: number) {
    return this.#record(['setDutyCycle', f], { dutyCycle: f })
  }
  setInnerSteps(n: number) {
    return this.#record(['setInnerSteps', n], { innerSteps: n })
  }
  setBackend(b: BackendChoice) {
    return this.#record(['setBackend', b])
  }
  resync() {
    return this.#record(['resync'])
  }
  rounds() {
    return { swarmHeight: 0, nodeHeight: 0, recent: [] }
  }
  training() {
    return undefined
  }
}

/** A page whose battery and visibility the test sets, with their change events. */
class FakePage {
  level = 1
  charging = true
  visibility = 'visible'
  readonly #battery = new Set<() => void>()
  readonly #visibility = new Set<() => void>()
  readonly env: BrowserEnvironment
  constructor() {
    const page = this // eslint-disable-line @typescript-eslint/no-this-alias
    const manager: BatteryManagerLike = {
      get level() {
        return page.level
      },
      get charging() {
        return page.charging
      },
      addEventListener: (_t, l) => void page.#battery.add(l),
      removeEventListener: (_t, l) => void page.#battery.delete(l),
    }
    this.env = {
      navigator: { getBattery: () => Promise.resolve(manager) },
      document: {
        get visibilityState() {
          return page.visibility
        },
        addEventListener: (_t, l) => void page.#visibility.add(l),
        removeEventListener: (_t, l) => void page.#visibility.delete(l),
      },
    }
  }
  unplug(level: number) {
    this.level = level
    this.charging = false
    for (const l of this.#battery) l()
  }
  hide() {
    this.visibility = 'hidden'
    for (const l of this.#visibility) l()
  }
  get listeners() {
    return this.#battery.size + this.#visibility.size
  }
}

function setup(settings: Settings = DEFAULT_SETTINGS) {
  const runtime = new FakeRuntime()
  const page = new FakePage()
  const inputs: DashboardInput[] = []
  const intervals: { callback: () => void; ms: number; cleared: boolean }[] = []
  const storage = new MemoryStorage()
  const context: AutonomyContext = {
    identity,
    storage,
    jobId: JOB,
    jobInnerSteps: 40,
    compression: { kind: 'int8', chunkSize: 4096 },
    backend: 'auto',
  }
  const make = (s: Settings = settings) =>
    new NodeAgent(
      {
        runtime,
        dispatch: (input) => inputs.push(input),
        browser: page.env,
        logger: () => undefined,
        timers: {
          setInterval: (callback, ms) => {
            const handle = { callback, ms, cleared: false }
            intervals.push(handle)
            return handle
          },
          clearInterval: (handle) => void ((handle as { cleared: boolean }).cleared = true),
        },
      },
      { settings: s, intervalMs: 1000 },
    )
  const agent = make()
  const audits = () => inputs.flatMap<AuditEntry>((i) => (i.kind === 'audit' ? [i.entry] : []))
  const controls = () =>
    inputs.flatMap<Controls>((i) => (i.kind === 'controls' ? [i.controls] : []))
  return { runtime, page, inputs, intervals, agent, context, make, audits, controls, storage }
}

/** Lets pending promise callbacks (sensor events → ticks) run. */
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('NodeAgent', () => {
  it('waits for the node’s context, then ticks on an interval and shows the controls', async () => {
    const { runtime, agent, context, intervals, controls } = setup()
    const started = agent.start()
    await settle()
    expect(agent.loop).toBeUndefined()
    runtime.ready(context)
    await started
    expect(agent.loop).toBeDefined()
    expect(intervals).toHaveLength(1)
    expect(intervals[0]?.ms).toBe(1000)
    expect(controls()[0]).toEqual({
      paused: false,
      dutyCycle: 1,
      innerSteps: 40,
      backend: 'auto',
      compression: 1,
    })
    agent.stop()
    expect(intervals[0]?.cleared).toBe(true)
  })

  it('pauses on a low battery at once, records the rule in a verifiable audit log', async () => {
    const { runtime, page, agent, context, audits, controls } = setup()
    runtime.ready(context)
    await agent.start()
    expect(runtime.calls).toEqual([])
    page.unplug(0.1)
    await settle()
    await agent.tick()
    expect(runtime.calls).toEqual([['pause']])
    const last = audits().at(-1)
    expect(last?.fired.map((f) => f.id)).toEqual(['battery-low', 'on-battery'])
    expect(last?.actions).toContainEqual({ type: 'pause', by: 'rule:battery-low', ok: true })
    expect(controls().at(-1)?.paused).toBe(true)
    expect(agent.verifyAudit()).toMatchObject({ ok: true, value: { count: audits().length } })
    agent.stop()
    expect(page.listeners).toBe(0)
  })

  it('throttles a hidden tab to the policy’s duty cycle', async () => {
    const { runtime, page, agent, context } = setup()
    runtime.ready(context)
    await agent.start()
    page.hide()
    await settle()
    await agent.tick()
    expect(runtime.calls).toEqual([['setDutyCycle', HIDDEN_DUTY_CYCLE]])
    agent.stop()
  })

  it('holds a pause chosen before the loop runs, and applies the duty limit at its first tick', async () => {
    const { runtime, agent, context, audits } = setup()
    await agent.settings.apply({ ...DEFAULT_SETTINGS, paused: true, dutyCycle: 0.5 })
    expect(runtime.calls).toEqual([['pause']])
    runtime.ready(context)
    await agent.start()
    expect(runtime.calls).toEqual([['pause'], ['setDutyCycle', 0.5]])
    expect(
      audits()
        .at(-1)
        ?.fired.map((f) => f.id),
    ).toEqual(['user-paused'])
    await agent.settings.apply({ ...DEFAULT_SETTINGS, paused: false, dutyCycle: 0.5 })
    expect(runtime.calls.at(-1)).toEqual(['resume'])
    agent.stop()
  })

  it('sends the donor’s settings through the rules once it runs', async () => {
    const { runtime, agent, context, audits } = setup()
    runtime.ready(context)
    await agent.start()
    await agent.settings.apply({ ...DEFAULT_SETTINGS, paused: true })
    expect(runtime.calls).toEqual([['pause']])
    expect(audits().at(-1)?.actions).toContainEqual({
      type: 'pause',
      by: 'rule:user-paused',
      ok: true,
    })
    await expect(agent.settings.apply({ ...DEFAULT_SETTINGS, dutyCycle: 0 })).rejects.toMatchObject(
      { name: 'InvalidSettingsError' },
    )
    agent.stop()
  })

  it('shows the entries kept from an earlier session first', async () => {
    const first = setup()
    first.runtime.ready(first.context)
    await first.agent.start()
    first.page.unplug(0.1)
    await settle()
    await first.agent.tick()
    first.agent.stop()
    const kept = first.audits()
    expect(kept.length).toBeGreaterThan(0)

    const again = first.make()
    first.inputs.length = 0
    await again.start()
    expect(first.audits().slice(0, kept.length)).toEqual(kept)
    again.stop()
  })
})
