/**
 * Playwright fixtures: `relay`, a real relay process on free ports serving the built `dist/`,
 * with `restart()` that brings it back on the same ports and data directory.
 *
 * @example
 * test('…', async ({ page, relay }) => { await page.goto(relay.href('/')) })
 */
import { test as base, expect } from '@playwright/test'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { removeDataDir, spawnRelay, type RelayProcess } from './relay-process.ts'
import { ATTACK_JOB, attackManifest } from './attack-job.ts'

/** The relay fixture. */
export interface RelayFixture {
  /** An absolute URL on the relay's HTTP server. */
  href(path: string): string
  readonly current: RelayProcess
  /** Stops the relay (SIGTERM). */
  stop(): Promise<void>
  /** Starts it again on the same ports and with the same data directory (same peer id). */
  start(): Promise<void>
}

/**
 * Hides the Compute Pressure API from the pages. This machine's cores are shared by every tab
 * of a test (and by other jobs), so Chromium really does report `critical` CPU pressure, and the
 * autonomy loop's default policy rightly pauses training on it; tests about training must not
 * depend on the machine's load. `autonomy.spec.ts` drives the sensors with its own fakes.
 */
function hidePressure(): void {
  Object.defineProperty(window, 'PressureObserver', { configurable: true, value: undefined })
}

export const test = base.extend<{ relay: RelayFixture }>({
  context: async ({ context }, use) => {
    await context.addInitScript(hidePressure)
    await use(context)
  },
  // Playwright reads a fixture's dependencies from its first parameter's destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  relay: async ({}, use) => {
    // The relay records genesis only for the jobs it serves; the attack job's manifest reaches
    // the pages through a route (see `routeAttackJob`), so the relay is told of it here.
    const jobsDir = await mkdtemp(join(tmpdir(), 'swarm-jobs-'))
    await writeFile(join(jobsDir, `${ATTACK_JOB}.json`), await attackManifest(ATTACK_JOB))
    let current = await spawnRelay({ jobsDir })
    let running = true
    const { dataDir, httpPort, wsPort } = current
    const fixture: RelayFixture = {
      href: (path) => current.href(path),
      get current() {
        return current
      },
      stop: async () => {
        await current.stop()
        running = false
      },
      start: async () => {
        current = await spawnRelay({ dataDir, httpPort, wsPort, jobsDir })
        running = true
      },
    }
    await use(fixture)
    if (running) await current.stop()
    await removeDataDir(dataDir)
    await rm(jobsDir, { recursive: true, force: true })
  },
})

export { expect }
