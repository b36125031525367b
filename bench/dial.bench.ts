/**
 * WebRTC dial benchmark: time from page load to the first direct connection, and the
 * browser-to-browser dial success rate, with and without the `@libp2p/webrtc` dial-race patch
 * (patches/README.md). Both variants are built from the same sources; the unpatched one swaps in
 * the original `initiate-connection.js` (reconstructed by reversing the patch) at build time.
 *
 * Usage: `npm run bench -- dial` (env DIAL_ROUNDS, DIAL_TABS to change the load).
 */
import { chromium, type Browser } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'vite'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'
import { spawnRelay } from '../tests/e2e/relay-process.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ROUNDS = Number(process.env.DIAL_ROUNDS ?? 6)
const TABS = Number(process.env.DIAL_TABS ?? 4)
const MESH_WAIT_MS = 25_000
const TARGET = 'private-to-private/initiate-connection.js'
const targetFile = join(root, 'node_modules/@libp2p/webrtc/dist/src', TARGET)
const unpatchedFile = targetFile.replace(/\.js$/, '.unpatched.js')
const patchFile = join(root, 'patches/@libp2p+webrtc+6.0.33.patch')

interface RoundResult {
  attempts: number
  successes: number
  failures: number
  firstDirectMs: number[]
  dialMs: number[]
  meshComplete: boolean
}

/** Writes the original file next to the patched one, by reversing the patch on a copy. */
function writeUnpatched(): void {
  execFileSync('patch', ['-R', '-s', '-p1', '-o', unpatchedFile, targetFile, patchFile], {
    cwd: root,
  })
}

function useUnpatched(): Plugin {
  return {
    name: 'use-unpatched-webrtc',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (resolved?.id.endsWith(TARGET) === true) return unpatchedFile
      return null
    },
  }
}

async function buildVariant(outDir: string, patched: boolean): Promise<void> {
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: patched ? [] : [useUnpatched()],
  })
}

async function runRound(browser: Browser, url: string): Promise<RoundResult> {
  const context = await browser.newContext()
  try {
    const pages = await Promise.all(Array.from({ length: TABS }, () => context.newPage()))
    await Promise.all(pages.map((p) => p.goto(url)))
    const deadline = Date.now() + MESH_WAIT_MS
    let meshComplete = false
    while (Date.now() < deadline) {
      const counts = await Promise.all(
        pages.map((p) =>
          p.evaluate(
            () =>
              (window.__swarm?.connections() ?? []).filter(
                (c) => c.direct && c.status === 'open' && c.addr.includes('/webrtc'),
              ).length,
          ),
        ),
      )
      if (counts.every((n) => n >= TABS - 1)) {
        meshComplete = true
        break
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    const stats = await Promise.all(
      pages.map((p) => p.evaluate(() => window.__swarm?.snapshot().dial)),
    )
    const result: RoundResult = {
      attempts: 0,
      successes: 0,
      failures: 0,
      firstDirectMs: [],
      dialMs: [],
      meshComplete,
    }
    for (const s of stats) {
      if (s === undefined) continue
      result.attempts += s.attempts
      result.successes += s.successes
      result.failures += s.failures
      result.dialMs.push(...s.durationsMs)
      if (s.firstDirectMs !== undefined) result.firstDirectMs.push(s.firstDirectMs)
    }
    return result
  } finally {
    await context.close()
  }
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

async function measure(variant: string, outDir: string) {
  const relay = await spawnRelay({ staticDir: outDir })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const rounds: RoundResult[] = []
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const r = await runRound(browser, relay.href('/'))
      rounds.push(r)
      console.log(
        `  ${variant} round ${i + 1}: ${r.successes}/${r.attempts} dials ok, mesh ${r.meshComplete ? 'complete' : 'INCOMPLETE'}`,
      )
    }
  } finally {
    await browser.close()
    await relay.stop()
  }
  const sum = (f: (r: RoundResult) => number) => rounds.reduce((a, r) => a + f(r), 0)
  const first = rounds.flatMap((r) => r.firstDirectMs)
  const dial = rounds.flatMap((r) => r.dialMs)
  return {
    variant,
    dials: sum((r) => r.attempts),
    ok: sum((r) => r.successes),
    failed: sum((r) => r.failures),
    successRate: `${(
      (100 * sum((r) => r.successes)) /
      Math.max(
        1,
        sum((r) => r.attempts),
      )
    ).toFixed(1)}%`,
    meshes: `${rounds.filter((r) => r.meshComplete).length}/${rounds.length}`,
    firstDirectP50: quantile(first, 0.5),
    firstDirectP95: quantile(first, 0.95),
    dialP50: quantile(dial, 0.5),
    dialP95: quantile(dial, 0.95),
  }
}

const variants: Array<[string, boolean]> = [
  ['patched', true],
  ['unpatched', false],
]
const rows = []
try {
  writeUnpatched()
  for (const [name, patched] of variants) {
    const outDir = join(root, `.bench-dist-${name}`)
    await buildVariant(outDir, patched)
    rows.push(await measure(name, outDir))
    rmSync(outDir, { recursive: true, force: true })
  }
} finally {
  if (existsSync(unpatchedFile)) rmSync(unpatchedFile)
}
console.log(
  `WebRTC dials: ${ROUNDS} rounds of ${TABS} tabs (${(TABS * (TABS - 1)) / 2} links each), 10 s dial timeout`,
)
console.table(rows)
console.log(
  'firstDirect = ms from page navigation to the first direct WebRTC connection; dial = successful dial duration (ms)',
)
