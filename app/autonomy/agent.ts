/**
 * The tab's autonomous agent: the shared `AutonomyLoop` over the browser's sensors, the node's
 * sensors and actuators, and a signed audit log kept next to the node's chain state.
 *
 * @remarks
 * The agent starts when the runtime knows its identity, storage and job. It ticks on an interval,
 * at once when a browser sensor changes (battery, visibility, pressure) and when the donor
 * changes a setting, and feeds the dashboard the controls in force and every audit entry (the
 * kept ones first). The donor's settings reach it through `settings` (a `SettingsSink`) and go to
 * the loop, whose limit rules (`shared/autonomy/limits.ts`) decide what they do. Before the loop
 * runs, the same rules decide on the settings alone whether the node is held paused
 * (`pausedBySettings`), and the rest waits for the first tick, so no choice is lost while the
 * node loads.
 */
import type {
  AuditEntry,
  AuditProblem,
  AuditSummary,
  AutonomyLogger,
  Controls,
  Sensors,
  UserSettings,
  WallClock,
} from '../../shared/autonomy/index.ts'
import {
  AuditLog,
  AutonomyLoop,
  defaultRules,
  InvalidSettingsError,
  pausedBySettings,
  resolveSettings,
} from '../../shared/autonomy/index.ts'
import type { Result } from '../../shared/types/index.ts'
import type { SettingsSink } from '../node/port.ts'
import type { AutonomyContext } from '../node/runtime.ts'
import type { DashboardInput } from '../state/types.ts'
import { toUserSettings, type Settings } from '../state/settings.ts'
import type { ControlledNode, SensedNode } from './node-io.ts'
import { compressionLevel, nodeActuators, nodeSensors } from './node-io.ts'
import { createBrowserSensors, type BrowserEnvironment, type BrowserSensors } from './sensors.ts'

/** How often the agent ticks without a sensor change, in ms. */
export const AGENT_TICK_MS = 5_000

/** Audit entries replayed into the dashboard on start (the store keeps about as many). */
const REPLAYED_ENTRIES = 50

/** The runtime as the agent uses it. */
export interface AgentRuntime extends ControlledNode, SensedNode {
  readonly snapshot: SensedNode['snapshot'] & {
    readonly paused: boolean
    readonly dutyCycle: number
    readonly innerSteps?: number
  }
  autonomyContext(): Promise<AutonomyContext>
}

/** Timers, the page's by default (fakes in tests). */
export interface AgentTimers {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

/** What the agent works with. */
export interface AgentComponents {
  readonly runtime: AgentRuntime
  /** Where the dashboard's inputs go. */
  readonly dispatch: (input: DashboardInput) => void
  readonly clock?: WallClock
  readonly timers?: AgentTimers
  /** The browser the sensors read (the page's globals by default). */
  readonly browser?: BrowserEnvironment
  readonly logger?: AutonomyLogger
}

/** How the agent starts. */
export interface AgentInit {
  /** The donor's settings when the page opened. */
  readonly settings: Settings
  readonly intervalMs?: number
}

const pageTimers: AgentTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
}

const consoleLogger: AutonomyLogger = (level, message) =>
  level === 'warn'
    ? console.warn(`[node:autonomy] ${message}`)
    : console.info(`[node:autonomy] ${message}`)

/** The autonomy loop of the tab's node. */
export class NodeAgent {
  readonly #runtime: AgentRuntime
  readonly #dispatch: (input: DashboardInput) => void
  readonly #clock: WallClock
  readonly #timers: AgentTimers
  readonly #logger: AutonomyLogger
  readonly #browser: BrowserSensors
  readonly #intervalMs: number
  #settings: Partial<UserSettings>
  #loop: AutonomyLoop | undefined
  #audit: AuditLog | undefined
  #interval: unknown
  #ticking: Promise<void> | undefined
  #again = false
  #started = false
  #stopped = false
  #shown: string | undefined
  readonly #unsubscribe: (() => void)[] = []

  constructor(components: AgentComponents, init: AgentInit) {
    this.#runtime = components.runtime
    this.#dispatch = components.dispatch
    this.#clock = components.clock ?? { now: () => Date.now() }
    this.#timers = components.timers ?? pageTimers
    this.#logger = components.logger ?? consoleLogger
    this.#settings = toUserSettings(init.settings)
    this.#intervalMs = init.intervalMs ?? AGENT_TICK_MS
    this.#browser = createBrowserSensors({
      ...(components.browser === undefined ? {} : { env: components.browser }),
      onChange: () => void this.tick(),
    })
  }

  /** Where the dashboard's settings go: to the loop, or before it runs, to its limit rules. */
  readonly settings: SettingsSink = {
    apply: async (settings) => {
      const limits = toUserSettings(settings)
      const loop = this.#loop
      if (loop !== undefined) {
        loop.setSettings(limits) // throws on invalid settings: nothing changes
        return this.tick()
      }
      const resolved = resolveSettings(limits)
      if (!resolved.ok) throw new InvalidSettingsError(resolved.reason)
      this.#settings = limits
      if (pausedBySettings(resolved.value)) await this.#runtime.pause()
      else if (this.#runtime.snapshot.paused) await this.#runtime.resume()
    },
  }

  /** The loop, once running. */
  get loop(): AutonomyLoop | undefined {
    return this.#loop
  }

  /** Waits for the node's identity and job, opens the audit log, and starts ticking. */
  async start(): Promise<void> {
    if (this.#started) return
    this.#started = true
    const context = await this.#runtime.autonomyContext()
    if (this.#stopped) return
    const audit = await AuditLog.open(
      { storage: context.storage, identity: context.identity },
      { job: context.jobId },
    )
    if (this.#stopped) return
    this.#audit = audit
    const kept = audit.entries().slice(-REPLAYED_ENTRIES)
    for (const entry of kept) this.#dispatch({ kind: 'audit', entry })
    this.#unsubscribe.push(audit.subscribe((entry) => this.#dispatch({ kind: 'audit', entry })))

    const snap = this.#runtime.snapshot
    const controls: Controls = {
      paused: snap.paused,
      dutyCycle: snap.dutyCycle,
      innerSteps: snap.innerSteps ?? context.jobInnerSteps,
      backend: context.backend,
      compression: compressionLevel(context.compression),
    }
    const browser = this.#browser
    const sensors: Sensors = {
      battery: () => browser.battery(),
      visible: () => browser.visible(),
      pressure: () => browser.pressure(),
      ...nodeSensors(this.#runtime),
    }
    this.#loop = new AutonomyLoop(
      {
        sensors,
        actuators: nodeActuators(this.#runtime, context.compression),
        clock: this.#clock,
        audit,
        logger: this.#logger,
      },
      {
        rules: defaultRules(),
        controls,
        jobInnerSteps: context.jobInnerSteps,
        settings: this.#settings,
      },
    )
    this.#showControls(controls)
    await browser.start()
    if (this.#stopped) return browser.stop()
    this.#interval = this.#timers.setInterval(() => void this.tick(), this.#intervalMs)
    await this.tick()
  }

  /**
   * Runs a tick now; a call while one runs asks for one more after it (so a change seen
   * mid-tick is not lost) and resolves when that one is done. Never rejects.
   */
  tick(): Promise<void> {
    if (this.#loop === undefined || this.#stopped) return Promise.resolve()
    if (this.#ticking !== undefined) {
      this.#again = true
      return this.#ticking
    }
    const run = async () => {
      do {
        this.#again = false
        await this.#tickOnce()
      } while (this.#again && !this.#stopped)
    }
    this.#ticking = run().finally(() => {
      this.#ticking = undefined
    })
    return this.#ticking
  }

  async #tickOnce(): Promise<void> {
    const loop = this.#loop
    if (loop === undefined) return
    try {
      const report = await loop.tick()
      this.#showControls(report.controls)
    } catch (err) {
      // `AutonomyLoop.tick` does not throw; this guards the interval against a future change.
      this.#logger('warn', `tick failed: ${err instanceof Error ? err.message : String(err)}`)
    }
  }

  #showControls(controls: Controls): void {
    const key = JSON.stringify(controls)
    if (key === this.#shown) return
    this.#shown = key
    this.#dispatch({ kind: 'controls', controls })
  }

  /** The kept audit entries, oldest first. */
  entries(): readonly AuditEntry[] {
    return this.#audit?.entries() ?? []
  }

  /** Verifies the kept audit entries against the node's key; undefined before the log opens. */
  verifyAudit(): Result<AuditSummary, AuditProblem> | undefined {
    return this.#audit?.verify()
  }

  /** Stops ticking and unsubscribes from the browser's sensors. */
  stop(): void {
    this.#stopped = true
    if (this.#interval !== undefined) this.#timers.clearInterval(this.#interval)
    this.#interval = undefined
    this.#browser.stop()
    for (const off of this.#unsubscribe.splice(0)) off()
  }
}
