/**
 * The relay's Prometheus metrics, on a `prom-client` registry: counters with labels, gauges read
 * when `/metrics` is scraped, and the Node process metrics operators' dashboards expect.
 *
 * @remarks
 * Every relay metric is declared here with its help text and label names, so a scrape lists them
 * all (with `# HELP` and `# TYPE`) and a misspelt name fails to compile. Each relay has its own
 * registry, so several relays in one process (tests) do not share counts.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client'

/** Every metric name starts with this. */
const PREFIX = 'relay_'

/** The relay's counters: help text and label names. */
const COUNTERS = {
  http_requests_total: { help: 'HTTP requests that passed the request checks', labels: [] },
  http_rejected_total: {
    help: 'HTTP requests answered with a 4xx or 5xx, by reason',
    labels: ['reason'],
  },
  http_errors_total: { help: 'HTTP requests that failed inside the relay (500)', labels: [] },
  http_rate_limited_total: {
    help: 'Requests refused by a per-client rate limit (429 over HTTP, a closed stream over libp2p), by route',
    labels: ['route'],
  },
  genesis_claims_total: {
    help: 'Valid genesis claims, by result (claimed: recorded as founder; existing: already had one)',
    labels: ['result'],
  },
  dataset_downloads_total: {
    help: 'Full GET downloads of a dataset file under data/, by file name',
    labels: ['file'],
  },
  connections_opened_total: { help: 'libp2p connections opened', labels: [] },
  connections_closed_total: { help: 'libp2p connections closed', labels: [] },
  reservations_released_total: {
    help: 'Circuit-relay reservations dropped because their peer disconnected',
    labels: [],
  },
  stream_refused_total: {
    help: 'libp2p request streams the relay served and refused (late, too large, cut short), by reason',
    labels: ['reason'],
  },
  lobby_messages_total: { help: 'Gossip messages seen on the lobby topic', labels: [] },
} as const satisfies Record<string, { help: string; labels: readonly string[] }>

/** The name of a relay counter, without the `relay_` prefix. */
export type CounterName = keyof typeof COUNTERS

/** Label values of one count. */
export type Labels = Readonly<Record<string, string>>

/** Counters and gauges of the relay. */
export class Metrics {
  readonly #registry = new Registry()
  readonly #counters: { [K in CounterName]: Counter }

  constructor() {
    collectDefaultMetrics({ register: this.#registry })
    const counters: Partial<Record<CounterName, Counter>> = {}
    for (const [name, spec] of Object.entries(COUNTERS) as [
      CounterName,
      (typeof COUNTERS)[CounterName],
    ][]) {
      counters[name] = new Counter({
        name: PREFIX + name,
        help: spec.help,
        labelNames: spec.labels,
        registers: [this.#registry],
      })
    }
    this.#counters = counters as { [K in CounterName]: Counter }
  }

  /** Adds `by` (default 1) to the counter `name` with the given labels. */
  count(name: CounterName, labels: Labels = {}, by = 1): void {
    this.#counters[name].inc(labels, by)
  }

  /** Registers a gauge read on every scrape; a read that throws reports NaN. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name: PREFIX + name,
      help,
      registers: [this.#registry],
      collect() {
        let value: number
        try {
          value = read()
        } catch {
          value = NaN
        }
        this.set(value)
      },
    })
  }

  /** The current value of a counter with exactly these labels (0 if never counted). */
  async get(name: CounterName, labels: Labels = {}): Promise<number> {
    const { values } = await this.#counters[name].get()
    const keys = Object.keys(labels)
    const hit = values.find(
      (v) =>
        Object.keys(v.labels).length === keys.length &&
        keys.every((k) => String(v.labels[k]) === labels[k]),
    )
    return hit?.value ?? 0
  }

  /** The content type of {@link render}'s text (the Prometheus text exposition format). */
  get contentType(): string {
    return this.#registry.contentType
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.#registry.metrics()
  }
}
