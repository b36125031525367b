/**
 * Helpers for Playwright tests on a swarm of tabs: read a tab's node (`window.__swarm`), wait for
 * a swarm to form, compare state hashes, and serve a test-only job manifest to a test's pages.
 */
import type { BrowserContext, Page } from '@playwright/test'
import type {} from '../../app/test-handle.ts'
import { attackManifest } from './attack-job.ts'
import { expect } from './fixtures.ts'

/** The tab's node snapshot. */
export const node = (p: Page) => p.evaluate(() => window.__swarm?.node())

/** The tab's certified state as plain data (members, bans, balances, ledger events). */
export const chain = (p: Page) => p.evaluate(() => window.__swarm?.chain())

/** The smallest of `pick` over the tabs' snapshots. */
export const minOf = async (
  pages: readonly Page[],
  pick: (s: Awaited<ReturnType<typeof node>>) => number,
) => Math.min(...(await Promise.all(pages.map(async (p) => pick(await node(p))))))

/**
 * Opens one tab per URL: the first founds the job, the others join it; resolves when all are
 * members and every tab counts them all. `page` becomes the first tab.
 */
export async function openSwarm(page: Page, urls: readonly string[]): Promise<Page[]> {
  const pages = [page]
  for (let i = 1; i < urls.length; i++) pages.push(await page.context().newPage())
  await pages[0]!.goto(urls[0]!)
  await expect
    .poll(async () => (await node(pages[0]!))?.status, { timeout: 120_000 })
    .toBe('member')
  for (const [i, p] of pages.slice(1).entries()) await p.goto(urls[i + 1]!)
  for (const p of pages) {
    await expect.poll(async () => (await node(p))?.status, { timeout: 180_000 }).toBe('member')
  }
  await expect
    .poll(() => minOf(pages, (s) => s?.members ?? 0), { timeout: 60_000 })
    .toBe(urls.length)
  return pages
}

/** Waits until every tab evaluates the shared model at `bar` test accuracy or more. */
export async function awaitAccuracy(pages: readonly Page[], bar: number, timeout: number) {
  await expect
    .poll(() => minOf(pages, (s) => s?.accuracy ?? 0), { timeout, intervals: [2_000] })
    .toBeGreaterThanOrEqual(bar)
}

/**
 * The tabs' certified states read at one moment when all of them are at the same height (heights
 * are seconds apart; the reads are milliseconds), so their ledgers can be compared entry by entry.
 */
export async function chainsAtOneHeight(pages: readonly Page[], timeout = 60_000) {
  let views: Awaited<ReturnType<typeof chain>>[] = []
  await expect
    .poll(
      async () => {
        views = await Promise.all(pages.map(chain))
        return new Set(views.map((v) => v?.height ?? -1)).size
      },
      { timeout },
    )
    .toBe(1)
  return views
}

/**
 * Every height some tab lists as committed: the state hashes the tabs show for it (one when they
 * agree) and how many tabs list it.
 */
export async function hashesByHeight(
  pages: readonly Page[],
): Promise<Map<number, { hashes: Set<string>; tabs: number }>> {
  const snaps = await Promise.all(pages.map(node))
  const byHeight = new Map<number, { hashes: Set<string>; tabs: number }>()
  for (const s of snaps)
    for (const c of s?.committed ?? []) {
      const at = byHeight.get(c.height) ?? { hashes: new Set<string>(), tabs: 0 }
      at.hashes.add(c.stateHash)
      at.tabs++
      byHeight.set(c.height, at)
    }
  return byHeight
}

/**
 * Serves `/jobs/<name>.json` to the context's pages: a copy of the shipped `mnist-mlp` manifest
 * under another name (so another job id and chain) with test attacks allowed. The shipped
 * manifests keep `allowTestAttacks: false`. The context must block service workers, or the
 * worker's precache answers the fetch before the route sees it.
 */
export async function routeAttackJob(context: BrowserContext, name: string): Promise<void> {
  const body = await attackManifest(name)
  await context.route(`**/jobs/${name}.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  )
}
