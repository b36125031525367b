/**
 * Measurements of a running node for the dashboard and the benchmarks: byte counters by
 * protocol kind, a height's timeline and where its wall time went, order statistics.
 * Pure: the tab feeds the counters and the timeline; nothing here reads a clock.
 */
export * from './stats.ts'
export * from './timeline.ts'
export * from './traffic.ts'
export * from './timed-app.ts'
export * from './recorder.ts'
