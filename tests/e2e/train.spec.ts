/**
 * The swarm trains: tabs found or join the job, train MNIST in their workers, agree on every
 * height, and earn tokens.
 */
import type { Page } from '@playwright/test'
import type {} from '../../app/test-handle.ts'
import { expect, test } from './fixtures.ts'

const node = (p: Page) => p.evaluate(() => window.__swarm?.node())
const minOf = async (pages: Page[], pick: (s: Awaited<ReturnType<typeof node>>) => number) =>
  Math.min(...(await Promise.all(pages.map(async (p) => pick(await node(p))))))

// The relay's archive polls tabs every 2 s in these tests (10 s by default).
process.env.RELAY_ARCHIVE_INTERVAL_MS = '2000'

/** Opens `n` tabs: the first founds the job, the others join it; resolves when all are members. */
async function openSwarm(page: Page, url: string, n: number): Promise<Page[]> {
  const pages = [page]
  for (let i = 1; i < n; i++) pages.push(await page.context().newPage())
  await pages[0]!.goto(url)
  await expect
    .poll(async () => (await node(pages[0]!))?.status, { timeout: 120_000 })
    .toBe('member')
  for (const p of pages.slice(1)) await p.goto(url)
  for (const p of pages) {
    await expect.poll(async () => (await node(p))?.status, { timeout: 180_000 }).toBe('member')
  }
  await expect.poll(() => minOf(pages, (s) => s?.members ?? 0), { timeout: 60_000 }).toBe(n)
  return pages
}

test('tabs train MNIST together with identical state hashes and earn tokens', async ({
  page,
  relay,
}, testInfo) => {
  test.setTimeout(600_000)
  const TABS = 4
  const pages = await openSwarm(page, relay.href('/?eval=1000'), TABS)
  // Train until every tab has evaluated the shared model at ≥ 90% test accuracy.
  await expect
    .poll(
      async () =>
        Math.min(...(await Promise.all(pages.map(async (p) => (await node(p))?.accuracy ?? 0)))),
      {
        timeout: 480_000,
        intervals: [2_000],
      },
    )
    .toBeGreaterThanOrEqual(0.9)
  const snaps = await Promise.all(pages.map(node))
  // The same state hash at every height all tabs committed.
  const byHeight = new Map<number, Set<string>>()
  for (const s of snaps)
    for (const c of s?.committed ?? []) {
      byHeight.set(c.height, (byHeight.get(c.height) ?? new Set()).add(c.stateHash))
    }
  const common = [...byHeight].filter(([, set]) => set.size > 0)
  expect(common.length).toBeGreaterThan(0)
  for (const [h, set] of common) expect(set.size, `height ${h}`).toBe(1)
  await testInfo.attach('nodes', {
    body: JSON.stringify(
      snaps.map((s) => ({ ...s, committed: s?.committed.length })),
      null,
      2,
    ),
    contentType: 'application/json',
  })
  // Every member earns: rewards for included updates and votes (a late joiner within a few heights).
  for (const p of pages) {
    await expect
      .poll(async () => BigInt((await node(p))?.balanceMicro ?? '0'), { timeout: 120_000 })
      .toBeGreaterThan(0n)
  }

  // A tab closes mid-round: with 3 of 4 members left (a quorum), heights keep committing.
  const survivors = pages.slice(0, 3)
  const before = await minOf(survivors, (s) => s?.height ?? 0)
  await pages[3]!.close()
  await expect
    .poll(() => minOf(survivors, (s) => s?.height ?? 0), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(before + 2)
})

test('a reloaded tab comes back as the same node; the swarm outlives a relay restart; the archive persists', async ({
  page,
  relay,
}) => {
  test.setTimeout(600_000)
  const pages = await openSwarm(page, relay.href('/?eval=500'), 3)
  await expect
    .poll(() => minOf(pages, (s) => s?.height ?? 0), { timeout: 180_000 })
    .toBeGreaterThanOrEqual(3)

  // Reload: same identity slot, same node id, at least the same balance, a member again.
  const tab = pages[1]!
  const was = await node(tab)
  await tab.reload()
  await expect.poll(async () => (await node(tab))?.status, { timeout: 120_000 }).toBe('member')
  const now = await node(tab)
  expect(now?.nodeId).toBe(was?.nodeId)
  expect(BigInt(now?.balanceMicro ?? '0')).toBeGreaterThanOrEqual(BigInt(was?.balanceMicro ?? '0'))

  // The relay archives a verified checkpoint.
  const job = was?.jobId ?? ''
  const archived = async () => (await fetch(relay.href(`/api/checkpoint/${job}`))).status
  await expect.poll(archived, { timeout: 60_000 }).toBe(200)

  // The relay goes down: the tabs keep committing over their direct links (the reloaded tab
  // kept its peer id, so the others still reach it). It comes back on the same ports and data:
  // the tabs reconnect, the archive is intact, and the swarm continues.
  await relay.stop()
  const atStop = await minOf(pages, (s) => s?.height ?? 0)
  await expect
    .poll(() => minOf(pages, (s) => s?.height ?? 0), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(atStop + 2)
  await relay.start()
  expect(await archived()).toBe(200)
  for (const p of pages) {
    await expect(p.getByTestId('relay-state')).toHaveText('connected', { timeout: 60_000 })
  }
  const atRestart = await minOf(pages, (s) => s?.height ?? 0)
  await expect
    .poll(() => minOf(pages, (s) => s?.height ?? 0), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(atRestart + 2)
  const logs = await Promise.all(pages.map(async (p) => (await node(p))?.committed ?? []))
  const common = Math.min(...logs.map((c) => c.at(-1)?.height ?? 0)) - 1
  const at = logs.map((c) => c.find((x) => x.height === common)?.stateHash)
  expect(new Set(at).size).toBe(1)
})
