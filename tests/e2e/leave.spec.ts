/**
 * Leaving and joining again from the dashboard's control, in a 3-tab swarm (quorum 3): the
 * leaving tab's signed leave removes it at the next height, the other two go on committing on
 * their own, the tab keeps following the chain, and joining again makes it a member again.
 */
import { expect, test } from './fixtures.ts'
import { minOf, node, openSwarm } from './swarm-helpers.ts'

process.env.RELAY_ARCHIVE_INTERVAL_MS = '2000'

test('a tab leaves with the control, the other two keep committing, and it joins again', async ({
  page,
  relay,
}) => {
  test.setTimeout(420_000)
  const url = relay.href('/?eval=200')
  const pages = await openSwarm(page, [url, url, url])
  const [a, b, leaver] = pages as [typeof page, typeof page, typeof page]
  const stayers = [a, b]
  await expect
    .poll(() => minOf(pages, (s) => s?.height ?? 0), { timeout: 120_000 })
    .toBeGreaterThan(1)

  await leaver.getByTestId('control-join').click()
  await expect(leaver.getByTestId('control-join')).toHaveText('Join the swarm')
  // Removed by a certified block (not evicted for silence: that would take the job's silent
  // heights, and with 3 members no block could commit without its vote).
  await expect
    .poll(() => minOf(stayers, (s) => (s?.members === 2 ? 1 : 0)), { timeout: 120_000 })
    .toBe(1)
  await expect.poll(async () => (await node(leaver))?.status, { timeout: 60_000 }).toBe('left')
  expect((await node(leaver))?.participating).toBe(false)

  // Two members are their own quorum: heights keep coming, and the leaver follows them.
  const at = await minOf(stayers, (s) => s?.height ?? 0)
  await expect
    .poll(() => minOf(stayers, (s) => s?.height ?? 0), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(at + 3)
  await expect
    .poll(async () => (await node(leaver))?.height ?? 0, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(at + 2)
  const trainedWhileOut = (await node(leaver))?.trainedHeights ?? 0

  await leaver.getByTestId('control-join').click()
  await expect.poll(async () => (await node(leaver))?.status, { timeout: 120_000 }).toBe('member')
  await expect.poll(() => minOf(pages, (s) => s?.members ?? 0), { timeout: 120_000 }).toBe(3)
  await expect
    .poll(async () => (await node(leaver))?.trainedHeights ?? 0, { timeout: 120_000 })
    .toBeGreaterThan(trainedWhileOut)
})
