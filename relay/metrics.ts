/**
 * A tiny Prometheus-text metrics registry for the relay: counters with labels, and gauges that
 * are read when `/metrics` is scraped.
 */

/** Counters and gauges of the relay. */
export class Metrics {
  readonly #counters = new Map<string, number>()
  readonly #gauges = new Map<string, () => number>()

  /** Adds `by` (default 1) to the counter `name` with the given labels. */
  count(name: string, labels: Readonly<Record<string, string>> = {}, by = 1): void {
    const key = name + formatLabels(labels)
    this.#counters.set(key, (this.#counters.get(key) ?? 0) + by)
  }

  /** Registers a gauge read on every scrape. */
  gauge(name: string, read: () => number): void {
    this.#gauges.set(name, read)
  }

  /** The current value of a counter (0 if never counted). */
  get(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.#counters.get(name + formatLabels(labels)) ?? 0
  }

  /** The Prometheus text exposition of every metric, sorted by name. */
  render(): string {
    const lines: string[] = []
    for (const [key, value] of [...this.#counters].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`relay_${key} ${value}`)
    }
    for (const [name, read] of [...this.#gauges].sort(([a], [b]) => (a < b ? -1 : 1))) {
      let value: number
      try {
        value = read()
      } catch {
        value = NaN
      }
      lines.push(`relay_${name} ${value}`)
    }
    return lines.join('\n') + '\n'
  }
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return ''
  const parts = keys.map((k) => `${k}="${(labels[k] ?? '').replace(/["\\\n]/g, '_')}"`)
  return `{${parts.join(',')}}`
}
