/**
 * A libp2p `Metrics` implementation that only counts bytes: libp2p hands it every protocol stream
 * once the protocol is negotiated (in both directions), and it counts what the stream's user
 * sends and what the stream delivers to its user, by protocol, into a `TrafficCounter`.
 *
 * @remarks
 * Counted are the bytes the protocols exchange (gossipsub RPCs with every publish, forward and
 * control message; the swarm's request/answer streams; identify, ping, relay, signalling), after
 * multistream negotiation and before muxer framing, encryption and SCTP/WebSocket framing. Every
 * other metric libp2p registers is accepted and dropped.
 *
 * Received bytes are counted where the stream dispatches its `message` event, not by adding a
 * `message` listener: a listener of our own would make the stream hand its data to us before
 * the protocol handler starts reading, and that data would be lost to the handler.
 */
import type {
  Counter,
  CounterGroup,
  Histogram,
  HistogramGroup,
  Metric,
  MetricGroup,
  Metrics,
  Stream,
  Summary,
  SummaryGroup,
} from '@libp2p/interface'
import type { TrafficCounter } from '../../shared/metrics/index.ts'

const noop = () => undefined
const stopTimer = () => noop
const metric: Metric & Counter & Histogram & Summary = {
  update: noop,
  increment: noop,
  decrement: noop,
  reset: noop,
  observe: noop,
  timer: stopTimer,
}
const group: MetricGroup & CounterGroup & HistogramGroup & SummaryGroup = {
  update: noop,
  increment: noop,
  decrement: noop,
  reset: noop,
  observe: noop,
  timer: stopTimer,
}

const byteLength = (data: unknown): number => {
  const n = (data as { byteLength?: unknown } | null)?.byteLength
  return typeof n === 'number' ? n : 0
}

/** Starts counting `stream`'s bytes into `counter` under its protocol. */
export function meterStream(stream: Stream, counter: TrafficCounter): void {
  const protocol = stream.protocol === '' ? 'unknown' : stream.protocol
  const send = stream.send.bind(stream)
  stream.send = (data) => {
    counter.add(protocol, 'sent', byteLength(data))
    return send(data)
  }
  const dispatch = stream.dispatchEvent.bind(stream)
  stream.dispatchEvent = (evt: Event) => {
    if (evt.type === 'message')
      counter.add(protocol, 'received', byteLength((evt as { data?: unknown }).data))
    return dispatch(evt)
  }
}

/** The factory for `createLibp2p({ metrics })`. */
export function trafficMetrics(counter: TrafficCounter): () => Metrics {
  return (): Metrics => ({
    trackMultiaddrConnection: noop,
    trackProtocolStream: (stream: Stream) => meterStream(stream, counter),
    registerMetric: () => metric,
    registerMetricGroup: () => group,
    registerCounter: () => metric,
    registerCounterGroup: () => group,
    registerHistogram: () => metric,
    registerHistogramGroup: () => group,
    registerSummary: () => metric,
    registerSummaryGroup: () => group,
    traceFunction: <F>(_name: string, fn: F) => fn,
    createTrace: noop,
  })
}
