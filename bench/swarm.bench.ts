/**
 * A 4-tab swarm on this machine (issue #6): the relay and 4 Chromium tabs (one browser) train
 * mnist-mlp together for N heights; the bench then prints, per node and over all nodes, compute
 * utilization and where the rest of the wall time goes, proposal-to-decision latency, bytes per
 * height by kind, time from page open to the first contributed update, and the dial success rate.
 *
 * Usage: `npm run bench -- swarm` (env SWARM_HEIGHTS (default 15) heights measured, after
 * SWARM_WARMUP (default 2) heights once every tab is a member; SWARM_TABS (4); SWARM_JOB
 * (mnist-mlp); SWARM_EVAL test examples evaluated after each height (the app's default when
 * unset); SWARM_PRESSURE=off hides the Compute Pressure API from the tabs, so the autonomy loop
 * never pauses or throttles for CPU pressure (as in browsers without the API); SWARM_JSON a file
 * to write the raw records to).
 */
import { chromium, type Page } from '@playwright/test'
import { rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type {} from '../app/test-handle.ts'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'
import { removeDataDir, spawnRelay } from '../tests/e2e/relay-process.ts'
import { percentile } from '../shared/metrics/index.ts'
import { swarmReport, TRAFFIC_GROUPS, type ReportRow, type TabResult } from './swarm-report.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const HEIGHTS = Number(process.env.SWARM_HEIGHTS ?? 15)
const TABS = Number(process.env.SWARM_TABS ?? 4)
const WARMUP = Number(process.env.SWARM_WARMUP ?? 2)
const JOB = process.env.SWARM_JOB ?? 'mnist-mlp'
const EVAL = process.env.SWARM_EVAL
const JSON_OUT = process.env.SWARM_JSON
const PRESSURE = process.env.SWARM_PRESSURE !== 'off'
const JOIN_TIMEOUT_MS = 240_000
const HEIGHT_TIMEOUT_MS = 120_000

if (![HEIGHTS, TABS, WARMUP + 1].every((n) => Number.isInteger(n) && n > 0))
  throw new Error('SWARM_HEIGHTS and SWARM_TABS must be positive integers, SWARM_WARMUP ≥ 0')

const node = (p: Page) => p.evaluate(() => window.__swarm?.node())

async function poll<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await read()
    if (done(v)) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 1_000))
  }
}

const minHeight = async (pages: Page[]) =>
  Math.min(...(await Promise.all(pages.map(async (p) => (await node(p))?.height ?? 0))))

async function run(
  href: (path: string) => string,
): Promise<{ tabs: TabResult[]; from: number; to: number }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext()
    if (!PRESSURE)
      await context.addInitScript(() => Reflect.deleteProperty(globalThis, 'PressureObserver'))
    const pages = await Promise.all(Array.from({ length: TABS }, () => context.newPage()))
    const url = href(`/?job=${JOB}${EVAL === undefined ? '' : `&eval=${EVAL}`}`)
    for (const [i, p] of pages.entries())
      p.on('pageerror', (e) => console.error(`  tab ${i + 1} page error: ${e.message}`))
    // The founder first (as a swarm starts); the others open together once it trains.
    const [founder, ...joiners] = pages as [Page, ...Page[]]
    await founder.goto(url)
    await poll(
      'the founder',
      () => node(founder),
      (s) => s?.status === 'member',
      JOIN_TIMEOUT_MS,
    )
    await Promise.all(joiners.map((p) => p.goto(url)))
    await poll(
      `${TABS} members at every tab`,
      () => Promise.all(pages.map(node)),
      (ss) => ss.every((s) => s?.status === 'member' && s.members === TABS),
      JOIN_TIMEOUT_MS,
    )
    // The heights right after the last join are a transient (late joiners catch up): skip some.
    const from = (await minHeight(pages)) + 1 + WARMUP
    const to = from + HEIGHTS - 1
    console.log(`  all ${TABS} tabs are members; measuring heights ${from}..${to}`)
    let seen = from - 1
    const end = Date.now() + HEIGHTS * HEIGHT_TIMEOUT_MS
    const controls = pages.map(() => ({ samples: 0, paused: 0, dutyCycleSum: 0 }))
    while (seen < to) {
      if (Date.now() > end) throw new Error(`the swarm stalled at height ${seen}`)
      await new Promise((r) => setTimeout(r, 2_000))
      const snaps = await Promise.all(pages.map(node))
      snaps.forEach((snap, i) => {
        const c = controls[i]
        if (snap === undefined || c === undefined) return
        c.samples++
        if (snap.paused) c.paused++
        c.dutyCycleSum += snap.dutyCycle
      })
      const h = Math.min(...snaps.map((x) => x?.height ?? 0))
      if (h > seen) console.log(`  height ${h}${h < from ? ' (warm-up)' : ''}`)
      seen = h
    }
    const tabs = await Promise.all(
      pages.map(async (p, i): Promise<TabResult> => {
        const r = await p.evaluate(() => ({
          metrics: window.__swarm?.metrics(),
          dial: window.__swarm?.snapshot().dial,
          backend: window.__swarm?.node()?.backend,
        }))
        if (r.metrics === undefined || r.dial === undefined)
          throw new Error(`tab ${i + 1} has no node metrics`)
        return {
          label: `tab ${i + 1}${i === 0 ? ' (founder)' : ''}`,
          ...(r.backend === undefined ? {} : { backend: r.backend }),
          metrics: r.metrics,
          dial: r.dial,
          ...(controls[i] === undefined ? {} : { controls: controls[i] }),
        }
      }),
    )
    return { tabs, from, to }
  } finally {
    await browser.close()
  }
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–')
const ms = (x: number) => (Number.isFinite(x) ? Math.round(x) : '–')
const s = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} s` : '–')
const kib = (x: number) => (Number.isFinite(x) ? `${(x / 1024).toFixed(1)}` : '–')

/** Share of polls with the node paused, and its mean duty cycle, while measuring. */
function controlsOf(tabs: readonly TabResult[]): Record<string, string> {
  const samples = tabs.reduce((a, t) => a + (t.controls?.samples ?? 0), 0)
  const paused = tabs.reduce((a, t) => a + (t.controls?.paused ?? 0), 0)
  const duty = tabs.reduce((a, t) => a + (t.controls?.dutyCycleSum ?? 0), 0)
  return { paused: pct(paused / samples), 'duty cycle': (duty / samples).toFixed(2) }
}

function print(rows: ReportRow[], tabs: TabResult[], from: number, to: number): void {
  console.log(
    `\n${TABS} tabs, job ${JOB}, heights ${from}..${to}; backends: ${tabs.map((t) => t.backend ?? '?').join(', ')}; Compute Pressure API ${PRESSURE ? 'on' : 'hidden (SWARM_PRESSURE=off)'}`,
  )
  console.log("\nUtilization and where the wall time goes (shares of each node's wall time):")
  console.table(
    rows.map((r) => ({
      node: r.node,
      heights: r.heights,
      wall: s(r.wallMs),
      utilization: pct(r.utilization),
      training: pct(r.shares.trainingMs),
      '…compute': pct(r.shares.computeMs),
      '…rest': pct(r.shares.restMs),
      '…worker': pct(r.shares.trainOverheadMs),
      collect: pct(r.shares.collectMs),
      consensus: pct(r.shares.consensusMs),
      apply: pct(r.shares.applyMs),
      persist: pct(r.shares.persistMs),
      ahead: pct(r.shares.aheadMs),
    })),
  )
  console.log('\nLatency (ms), own updates in blocks, dials:')
  console.table(
    rows.map((r) => ({
      node: r.node,
      'decide p50': ms(r.decisionP50),
      'decide p95': ms(r.decisionP95),
      'commit p50': ms(r.latencyP50),
      'commit p95': ms(r.latencyP95),
      'own update in': `${r.included.toFixed(r.node === 'all' ? 1 : 0)}/${r.heights}`,
      ...controlsOf(r.node === 'all' ? tabs : tabs.filter((t) => t.label === r.node)),
      dials: `${r.dialSuccesses}/${r.dialAttempts}`,
      'dial success': pct(r.dialSuccesses / r.dialAttempts),
    })),
  )
  console.log(
    '\nFrom page open (s since navigation) to each start-up stage and first contribution:',
  )
  const STAGES = ['loading', 'genesis', 'syncing', 'joining', 'member'] as const
  const stageRow = (node: string, at: (stage: string) => number) => ({
    node,
    ...Object.fromEntries(STAGES.map((st) => [st, s(at(st))])),
    'first update': s(at('first update')),
    'first included': s(at('first included')),
  })
  const stageOf = (t: TabResult, stage: string) =>
    stage === 'first update'
      ? (t.metrics.firstUpdateAt ?? NaN)
      : stage === 'first included'
        ? (t.metrics.firstIncludedAt ?? NaN)
        : (t.metrics.stages[stage] ?? NaN)
  console.table([
    ...tabs.map((t) => stageRow(t.label, (st) => stageOf(t, st))),
    stageRow('median', (st) =>
      percentile(
        tabs.map((t) => stageOf(t, st)),
        50,
      ),
    ),
  ])
  console.log('\nKiB per height (mean), sent / received, and own published data:')
  console.table(
    rows.map((r) => ({
      node: r.node,
      ...Object.fromEntries(
        TRAFFIC_GROUPS.map((g) => [
          g,
          `${kib(r.bytesPerHeight[g].sent)} / ${kib(r.bytesPerHeight[g].received)}`,
        ]),
      ),
      published: kib(r.publishedPerHeight),
      'gossip sent ÷ published': (r.bytesPerHeight.gossip.sent / r.publishedPerHeight).toFixed(1),
    })),
  )
  console.log(`
Definitions (all times on each tab's own clock):
  utilization  = trainer compute time (duty-cycle rests excluded) ÷ wall time from the start of
                 the first measured height to the commit of the last, at that node ('all': Σ ÷ Σ);
                 rounds trained ahead count for the part of them inside that window.
  training     = height start → the trainer's answer (…compute, …rest: duty-cycle rests,
                 …worker: the rest of it: worker busy evaluating, messaging, copying Δ).
  collect      = trainer's answer → first proposal seen (waiting for the slowest update; the
                 proposer waits until every member's update and payload is in, or collectMs).
  consensus    = first proposal seen → decision (block checks, payload fetches, prevote, precommit).
  apply        = applying the decided block; persist = saving block and state until 'committed'.
                 training … persist add up to the wall time.
  ahead        = training for a height done before it began: the node trains height h+1 on
                 block h's state as soon as it has checked block h, overlapping h's prevotes,
                 precommits, apply and persist (not a segment: it lies in the previous height).
  decide       = first proposal seen → decision; commit = first proposal seen → 'committed' event
                 (the event's latencyMs: decide + apply + persist).
  own update in = measured heights whose block carried this node's update.
  paused, duty cycle = share of 2 s polls with the node paused, and its mean duty cycle (set by
                 the autonomy loop: CPU pressure, visibility, battery).
  stages       = page navigation → the node first reported that status (loading: job and data;
                 genesis: founder lookup; syncing: fetching a checkpoint; joining: asking to join);
                 first update = → trainer's first answer (its update is signed and published at
                 once); first included = → first committed block carrying its update.
  bytes        = bytes on libp2p protocol streams (after multistream negotiation, before muxer
                 framing and encryption), per committed height: gossip = gossipsub RPCs (own
                 publishes, forwards, control; to tabs and to the relay); payload, checkpoint,
                 sync = the /swarm/* request and answer streams (checkpoints also go to the
                 relay's archive); other = identify, ping, relay, WebRTC signalling.
                 published = data bytes of this node's own pubsub messages (updates, votes,
                 proposals with their blocks, joins), before gossip framing.
  dials        = this tab's WebRTC dials through the relay that gave a direct connection.`)
}

const outDir = join(root, '.bench-dist-swarm')
try {
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  const relay = await spawnRelay({ staticDir: outDir })
  let result
  try {
    result = await run((p) => relay.href(p))
  } finally {
    await relay.stop()
    await removeDataDir(relay.dataDir)
  }
  const { tabs, from, to } = result
  if (JSON_OUT !== undefined) writeFileSync(JSON_OUT, JSON.stringify({ from, to, tabs }, null, 1))
  print(swarmReport(tabs, from, to), tabs, from, to)
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
