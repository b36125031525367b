// In-memory fakes for the autonomy loop: a clock, sensors whose readings tests set, and
// actuators that record every call (and fail on demand).
import type {
  Actuators,
  BackendChoice,
  BatteryReading,
  Controls,
  PressureState,
  RoundOutcome,
  Sensors,
  TrainingReading,
  WallClock,
} from '../../../shared/autonomy/index.ts'

export class FakeClock implements WallClock {
  time: number
  constructor(start = Date.UTC(2026, 0, 5, 12, 0)) {
    this.time = start
  }
  now(): number {
    return this.time
  }
  advance(ms: number): void {
    this.time += ms
  }
}

export class FakeSensors implements Sensors {
  batteryReading: BatteryReading | undefined
  isVisible: boolean | undefined = true
  pressureState: PressureState | undefined
  trainingReading: TrainingReading | undefined
  outcomes: RoundOutcome[] = []
  swarmHeight = 0
  nodeHeight = 0
  tokens: number | undefined
  failing = new Set<string>()

  battery(): BatteryReading | undefined {
    this.#maybeFail('battery')
    return this.batteryReading
  }
  visible(): Promise<boolean | undefined> {
    this.#maybeFail('visible')
    return Promise.resolve(this.isVisible)
  }
  pressure(): PressureState | undefined {
    return this.pressureState
  }
  training(): TrainingReading | undefined {
    return this.trainingReading
  }
  rounds() {
    return { swarmHeight: this.swarmHeight, nodeHeight: this.nodeHeight, recent: this.outcomes }
  }
  balance(): number | undefined {
    return this.tokens
  }

  /** Appends a finished round at the next height. */
  round(outcome: Partial<RoundOutcome> = {}): void {
    const height = (this.outcomes[this.outcomes.length - 1]?.height ?? 0) + 1
    this.outcomes.push({
      height,
      submitted: true,
      missedDeadline: false,
      accepted: true,
      ...outcome,
    })
    this.swarmHeight = height
    this.nodeHeight = height
  }

  #maybeFail(name: string): void {
    if (this.failing.has(name)) throw new Error(`${name} unavailable`)
  }
}

export type Call = readonly [string, ...unknown[]]

export class RecordingActuators implements Actuators {
  calls: Call[] = []
  failing = new Set<string>()

  #record(name: string, ...args: unknown[]): Promise<void> {
    this.calls.push([name, ...args])
    return this.failing.has(name) ? Promise.reject(new Error(`${name} refused`)) : Promise.resolve()
  }
  pause() {
    return this.#record('pause')
  }
  resume() {
    return this.#record('resume')
  }
  setDutyCycle(fraction: number) {
    return this.#record('setDutyCycle', fraction)
  }
  setInnerSteps(steps: number) {
    return this.#record('setInnerSteps', steps)
  }
  setBackend(backend: BackendChoice) {
    return this.#record('setBackend', backend)
  }
  setCompression(level: number) {
    return this.#record('setCompression', level)
  }
  resync() {
    return this.#record('resync')
  }
  take(): Call[] {
    const calls = this.calls
    this.calls = []
    return calls
  }
}

export const START_CONTROLS: Controls = {
  paused: false,
  dutyCycle: 1,
  innerSteps: 40,
  backend: 'auto',
  compression: 1,
}
