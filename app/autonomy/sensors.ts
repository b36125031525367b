/**
 * Browser sensors for the autonomy loop: battery (Battery Status API), tab visibility (Page
 * Visibility API) and CPU compute pressure (Compute Pressure API).
 *
 * @remarks
 * Every API is feature-detected: where one is missing (Firefox and Safari have no
 * `navigator.getBattery`; only Chromium has `PressureObserver`, and only in secure contexts) its
 * sensor answers `undefined` and the loop's rules on it simply do not match. Readings are taken
 * live on each call (the battery manager's properties, `document.visibilityState`) or kept from
 * the latest observer callback (pressure), so a tick never waits on the platform. `onChange` is
 * called when any of them changes, so the app can tick at once rather than at the next interval.
 * The APIs that TypeScript's DOM library lacks are typed here by the parts used.
 */
import type { BatteryReading, PressureState, Sensors } from '../../shared/autonomy/index.ts'
import { PRESSURE_STATES } from '../../shared/autonomy/index.ts'

/** The part of a `BatteryManager` used here (W3C Battery Status API). */
export interface BatteryManagerLike {
  readonly level: number
  readonly charging: boolean
  addEventListener(type: 'levelchange' | 'chargingchange', listener: () => void): void
  removeEventListener(type: 'levelchange' | 'chargingchange', listener: () => void): void
}

/** The part of a `PressureRecord` used here (W3C Compute Pressure Level 1). */
export interface PressureRecordLike {
  readonly source: string
  readonly state: string
}

/** The part of a `PressureObserver` used here. */
export interface PressureObserverLike {
  observe(source: 'cpu', options?: { sampleInterval?: number }): Promise<void>
  disconnect(): void
}

/** A `PressureObserver` constructor. */
export type PressureObserverConstructor = new (
  callback: (records: readonly PressureRecordLike[]) => void,
) => PressureObserverLike

/** The platform the sensors read; the page's globals by default, fakes in tests. */
export interface BrowserEnvironment {
  readonly navigator?: { getBattery?: () => Promise<BatteryManagerLike> }
  readonly document?: {
    readonly visibilityState: string
    addEventListener(type: 'visibilitychange', listener: () => void): void
    removeEventListener(type: 'visibilitychange', listener: () => void): void
  }
  readonly PressureObserver?: PressureObserverConstructor
}

/** Options of the browser sensors. */
export interface BrowserSensorsOptions {
  readonly env?: BrowserEnvironment
  /** Called whenever battery, visibility or pressure changes. */
  readonly onChange?: () => void
  /** How often the pressure observer samples, in ms (default 2000). */
  readonly pressureSampleMs?: number
}

/** The browser's sensors, with a lifecycle. */
export type BrowserSensors = Required<Pick<Sensors, 'battery' | 'visible' | 'pressure'>> & {
  /** Subscribes to the APIs that exist; resolves when done (never rejects). */
  start(): Promise<void>
  /** Unsubscribes from everything. */
  stop(): void
  /** Which APIs were found. */
  readonly available: { battery: boolean; visibility: boolean; pressure: boolean }
}

const DEFAULT_PRESSURE_SAMPLE_MS = 2000

/** Creates the browser sensors; call `start()` before the first tick. */
export function createBrowserSensors(options: BrowserSensorsOptions = {}): BrowserSensors {
  const env = options.env ?? defaultEnvironment()
  const changed = () => options.onChange?.()
  let battery: BatteryManagerLike | undefined
  let pressure: PressureState | undefined
  let observer: PressureObserverLike | undefined
  const available = { battery: false, visibility: env.document !== undefined, pressure: false }
  const stops: (() => void)[] = []

  const startBattery = async () => {
    const getBattery = env.navigator?.getBattery
    if (typeof getBattery !== 'function') return
    try {
      const manager = await getBattery.call(env.navigator)
      battery = manager
      available.battery = true
      manager.addEventListener('levelchange', changed)
      manager.addEventListener('chargingchange', changed)
      stops.push(() => {
        manager.removeEventListener('levelchange', changed)
        manager.removeEventListener('chargingchange', changed)
      })
    } catch {
      // Refused (e.g. by a permissions policy): the battery stays unknown.
    }
  }

  const startPressure = async () => {
    const Observer = env.PressureObserver
    if (typeof Observer !== 'function') return
    try {
      const created = new Observer((records) => {
        const last = records[records.length - 1]
        if (last === undefined || last.source !== 'cpu') return
        const state = PRESSURE_STATES.find((s) => s === last.state)
        if (state !== pressure) {
          pressure = state
          changed()
        }
      })
      await created.observe('cpu', {
        sampleInterval: options.pressureSampleMs ?? DEFAULT_PRESSURE_SAMPLE_MS,
      })
      observer = created
      available.pressure = true
      stops.push(() => created.disconnect())
    } catch {
      // Not allowed here (insecure context, permissions policy) or no CPU source.
    }
  }

  return {
    available,
    async start() {
      if (env.document !== undefined) {
        const doc = env.document
        doc.addEventListener('visibilitychange', changed)
        stops.push(() => doc.removeEventListener('visibilitychange', changed))
      }
      await Promise.all([startBattery(), startPressure()])
    },
    stop() {
      for (const stop of stops.splice(0)) stop()
      observer = undefined
      battery = undefined
      pressure = undefined
    },
    battery(): BatteryReading | undefined {
      return battery === undefined
        ? undefined
        : { level: battery.level, charging: battery.charging }
    },
    visible(): boolean | undefined {
      const state = env.document?.visibilityState
      return state === undefined ? undefined : state === 'visible'
    },
    pressure(): PressureState | undefined {
      return observer === undefined ? undefined : pressure
    },
  }
}

function defaultEnvironment(): BrowserEnvironment {
  const scope = globalThis as {
    navigator?: BrowserEnvironment['navigator']
    document?: BrowserEnvironment['document']
    PressureObserver?: PressureObserverConstructor
  }
  return {
    ...(scope.navigator === undefined ? {} : { navigator: scope.navigator }),
    ...(scope.document === undefined ? {} : { document: scope.document }),
    ...(scope.PressureObserver === undefined ? {} : { PressureObserver: scope.PressureObserver }),
  }
}
