/**
 * The swarm trains: tabs found or join the job, train MNIST in their workers, agree on every
 * height, and earn tokens.
 */
import { expect, test } from './fixtures.ts'
import {
  awaitAccuracy,
  chainsAtOneHeight,
  hashesByHeight,
  minOf,
  node,
  openSwarm,
} from './swarm-helpers.ts'

// The relay's archive polls tabs every 2 s in these tests (10 s by default).
process.env.RELAY_ARCHIVE_INTERVAL_MS = '2000'

test('tabs train MNIST together with identical state hashes and earn tokens', async ({
  page,
  relay,
}, testInfo) => {
  test.setTimeout(600_000)
  const TABS = 4
  const pages = await openSwarm(page, Array<string>(TABS).fill(relay.href('/?eval=1000')))
  // Train until every tab has evaluated the shared model at ≥ 90% test accuracy.
  await awaitAccuracy(pages, 0.9, 480_000)
  const snaps = await Promise.all(pages.map(node))
  // The same state hash at every height all tabs committed.
  const common = [...(await hashesByHeight(pages))]
  expect(common.length).toBeGreaterThan(0)
  for (const [h, at] of common) expect(at.hashes.size, `height ${h}`).toBe(1)
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
  // Each tab computes the whole ledger itself: at one height, every tab holds the same balance
  // for every account, the same supply, and a positive balance for each of the four tabs.
  const views = await chainsAtOneHeight(pages)
  const ids = snaps.map((s) => s?.nodeId ?? '')
  for (const v of views) {
    expect(v?.balances).toEqual(views[0]?.balances)
    expect([v?.minted, v?.burned]).toEqual([views[0]?.minted, views[0]?.burned])
    for (const id of ids) expect(BigInt(v?.balances[id] ?? '0'), id).toBeGreaterThan(0n)
  }
  console.log(`ledger at height ${views[0]?.height}: ${JSON.stringify(views[0]?.balances)}`)

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
  const pages = await openSwarm(page, Array<string>(3).fill(relay.href('/?eval=500')))
  await expect
    .poll(() => minOf(pages, (s) => s?.height ?? 0), { timeout: 180_000 })
    .toBeGreaterThanOrEqual(3)

  // Reload: same identity slot, same node id, at least the same balance, a member again. The tab
  // joined from a checkpoint, and it reloads while it is the proposer of the open height, so it
  // comes back as that height's round-0 proposer: it must have kept the log it started with (the
  // proposal carries the last block's certificate), or the round must time out and move on.
  const tab = pages[1]!
  await expect
    .poll(
      async () => {
        const s = await node(tab)
        return s?.proposer === s?.nodeId && s?.phase === 'propose' && s?.round === 0
      },
      { timeout: 120_000, intervals: [100] },
    )
    .toBe(true)
  const was = await node(tab)
  await tab.reload()
  await expect.poll(async () => (await node(tab))?.status, { timeout: 120_000 }).toBe('member')
  const now = await node(tab)
  expect(now?.nodeId).toBe(was?.nodeId)
  expect(BigInt(now?.balanceMicro ?? '0')).toBeGreaterThanOrEqual(BigInt(was?.balanceMicro ?? '0'))

  // The relay archives a verified checkpoint.
  const job = was?.jobId ?? ''
  /** The archive's HTTP status and the height of the checkpoint it serves (0 without one). */
  const archived = async () => {
    const res = await fetch(relay.href(`/api/checkpoint/${job}`))
    return { status: res.status, height: Number(res.headers.get('x-checkpoint-height') ?? 0) }
  }
  await expect.poll(async () => (await archived()).status, { timeout: 60_000 }).toBe(200)

  // The relay goes down: the tabs keep committing over their direct links (the reloaded tab
  // kept its peer id, so the others still reach it). It comes back on the same ports and data:
  // the tabs reconnect, the archive is intact, and the swarm continues.
  const keptHeight = (await archived()).height
  expect(keptHeight).toBeGreaterThan(0)
  await relay.stop()
  const atStop = await minOf(pages, (s) => s?.height ?? 0)
  await expect
    .poll(() => minOf(pages, (s) => s?.height ?? 0), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(atStop + 2)
  await relay.start()
  // The archive came back from disk: served at once, at least as high as before the stop.
  const afterRestart = await archived()
  expect(afterRestart.status).toBe(200)
  expect(afterRestart.height).toBeGreaterThanOrEqual(keptHeight)
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
