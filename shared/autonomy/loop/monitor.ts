/**
 * Monitor: reads every sensor into facts, feeding the history, and never fails: a sensor that is
 * missing, throws, or answers out of range leaves its facts absent and adds a note.
 */
import { HISTORY_ROUNDS, MAX_FACT_STRING } from '../constants.ts'
import type { Controls, FactName, FactValue, Facts } from '../facts.ts'
import { settingsFacts } from '../limits.ts'
import { BACKEND_CHOICES, factTypeOf, PRESSURE_STATES, show } from '../facts.ts'
import type { History } from './history.ts'
import type { Sensors } from './ports.ts'
import type { UserSettings } from './settings.ts'

/** What Monitor saw. */
export interface Observation {
  readonly facts: Facts
  /** Sensor failures and rejected readings. */
  readonly notes: readonly string[]
  /** Round outcomes not seen before. */
  readonly newRounds: number
}

/** Reads the sensors at `now`, updating `history`, and returns the facts of this tick. */
export async function monitor(
  sensors: Sensors,
  history: History,
  now: number,
  settings: UserSettings,
  controls: Controls,
): Promise<Observation> {
  const facts: Partial<Record<FactName, FactValue>> = {}
  const notes: string[] = []
  const read = async <T>(name: string, fn: (() => T | Promise<T>) | undefined) => {
    if (fn === undefined) return undefined
    try {
      return await fn()
    } catch (err) {
      notes.push(`sensor ${name} failed: ${err instanceof Error ? err.message : String(err)}`)
      return undefined
    }
  }
  const put = (name: FactName, value: unknown, ok: boolean) => {
    if (value === undefined) return
    if (!ok || factTypeOf(value) === undefined)
      notes.push(`sensor reading ${name} rejected: ${show(value)}`)
    else
      facts[name] =
        typeof value === 'string' ? value.slice(0, MAX_FACT_STRING) : (value as FactValue)
  }

  const battery = await read('battery', sensors.battery?.bind(sensors))
  if (battery !== undefined) {
    const { level, charging } = battery
    put('battery.level', level, isFinite(level) && level >= 0 && level <= 1)
    put('battery.charging', charging, typeof charging === 'boolean')
  }
  const visible = await read('visible', sensors.visible?.bind(sensors))
  put('tab.visible', visible, typeof visible === 'boolean')
  const pressure = await read('pressure', sensors.pressure?.bind(sensors))
  put('pressure.state', pressure, (PRESSURE_STATES as readonly unknown[]).includes(pressure))
  const training = await read('training', sensors.training?.bind(sensors))
  if (training !== undefined) {
    const { stepMs, backend } = training
    put('train.stepMs', stepMs, isFinite(stepMs) && stepMs >= 0)
    put('train.backend', backend, (BACKEND_CHOICES as readonly unknown[]).includes(backend))
  }
  const rounds = await read('rounds', sensors.rounds?.bind(sensors))
  let newRounds = 0
  if (rounds !== undefined) {
    const lag = rounds.swarmHeight - rounds.nodeHeight
    put('round.lag', Math.max(0, lag), Number.isSafeInteger(lag))
    if (Array.isArray(rounds.recent))
      newRounds = history.addRounds(rounds.recent.slice(-HISTORY_ROUNDS))
  }
  const balance = await read('balance', sensors.balance?.bind(sensors))
  if (balance !== undefined && isFinite(balance)) history.addBalance(now, balance)

  const height = history.latestHeight()
  if (height !== undefined) {
    facts['round.height'] = height
    facts['round.missedStreak'] = history.streak(true)
  }
  const acceptance = history.acceptance()
  if (acceptance.rate !== undefined) {
    facts['updates.acceptanceRate'] = acceptance.rate
    facts['updates.samples'] = acceptance.samples
  }
  const perHour = history.tokensPerHour()
  if (perHour !== undefined) facts['tokens.perHour'] = perHour
  const trend = history.lossTrend()
  if (trend !== undefined) facts['loss.trend'] = trend

  Object.assign(facts, settingsFacts(settings))
  for (const [name, value] of Object.entries(controls) as [string, FactValue][]) {
    facts[`control.${name}` as FactName] = value
  }
  return { facts, notes, newRounds }
}

function isFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
