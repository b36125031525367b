import { describe, expect, it } from 'vitest'
import type { BatteryManagerLike, PressureRecordLike } from '../../../app/autonomy/sensors.ts'
import { createBrowserSensors } from '../../../app/autonomy/sensors.ts'

class FakeTarget {
  readonly listeners = new Map<string, Set<() => void>>()
  addEventListener(type: string, listener: () => void): void {
    const set = this.listeners.get(type) ?? new Set()
    set.add(listener)
    this.listeners.set(type, set)
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener)
  }
  emit(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener()
  }
  count(): number {
    let n = 0
    for (const set of this.listeners.values()) n += set.size
    return n
  }
}

class FakeBattery extends FakeTarget implements BatteryManagerLike {
  level = 0.8
  charging = true
}

class FakeDocument extends FakeTarget {
  visibilityState = 'visible'
}

function setup(options: { battery?: boolean; pressure?: boolean; refusePressure?: boolean } = {}) {
  const battery = new FakeBattery()
  const document = new FakeDocument()
  let emitPressure: ((records: readonly PressureRecordLike[]) => void) | undefined
  let disconnected = false
  class FakePressureObserver {
    constructor(callback: (records: readonly PressureRecordLike[]) => void) {
      emitPressure = callback
    }
    observe(): Promise<void> {
      return options.refusePressure === true
        ? Promise.reject(new Error('NotAllowedError'))
        : Promise.resolve()
    }
    disconnect(): void {
      disconnected = true
    }
  }
  let changes = 0
  const sensors = createBrowserSensors({
    env: {
      document,
      navigator: options.battery === false ? {} : { getBattery: () => Promise.resolve(battery) },
      ...(options.pressure === false ? {} : { PressureObserver: FakePressureObserver }),
    },
    onChange: () => {
      changes += 1
    },
  })
  return {
    sensors,
    battery,
    document,
    pressure: (state: string, source = 'cpu') => emitPressure?.([{ source, state }]),
    changes: () => changes,
    disconnected: () => disconnected,
  }
}

describe('createBrowserSensors', () => {
  it('reads the battery, visibility and pressure live', async () => {
    const { sensors, battery, document, pressure } = setup()
    await sensors.start()
    expect(sensors.available).toEqual({ battery: true, visibility: true, pressure: true })
    expect(sensors.battery()).toEqual({ level: 0.8, charging: true })
    battery.level = 0.1
    battery.charging = false
    expect(sensors.battery()).toEqual({ level: 0.1, charging: false })
    expect(sensors.visible()).toBe(true)
    document.visibilityState = 'hidden'
    expect(sensors.visible()).toBe(false)
    expect(sensors.pressure()).toBeUndefined()
    pressure('serious')
    expect(sensors.pressure()).toBe('serious')
    pressure('bogus')
    expect(sensors.pressure()).toBeUndefined()
  })

  it('calls onChange on visibility, battery and pressure changes', async () => {
    const { sensors, battery, document, pressure, changes } = setup()
    await sensors.start()
    document.emit('visibilitychange')
    battery.emit('chargingchange')
    battery.emit('levelchange')
    pressure('fair')
    pressure('fair')
    pressure('critical', 'gpu')
    expect(changes()).toBe(4)
  })

  it('answers undefined for APIs the browser lacks or refuses', async () => {
    const { sensors } = setup({ battery: false, refusePressure: true })
    await sensors.start()
    expect(sensors.available).toEqual({ battery: false, visibility: true, pressure: false })
    expect(sensors.battery()).toBeUndefined()
    expect(sensors.pressure()).toBeUndefined()
    const bare = createBrowserSensors({ env: {} })
    await bare.start()
    expect([bare.battery(), bare.visible(), bare.pressure()]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
  })

  it('unsubscribes from everything on stop', async () => {
    const { sensors, battery, document, disconnected } = setup()
    await sensors.start()
    expect(battery.count() + document.count()).toBe(3)
    sensors.stop()
    expect(battery.count() + document.count()).toBe(0)
    expect(disconnected()).toBe(true)
    expect(sensors.battery()).toBeUndefined()
  })
})
