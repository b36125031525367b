/**
 * Tabs find each other through the relay and connect directly over WebRTC.
 */
import type { Page } from '@playwright/test'
import type {} from '../../app/test-handle.ts'
import { expect, test } from './fixtures.ts'

const TABS = 3

async function openTabs(page: Page, url: string, n: number): Promise<Page[]> {
  const pages = [page]
  for (let i = 1; i < n; i++) pages.push(await page.context().newPage())
  for (const p of pages) await p.goto(`${url}?node=off`)
  for (const p of pages) await expect(p.getByTestId('node-status')).toHaveText('running')
  return pages
}

const peerIdOf = (p: Page) => p.evaluate(() => window.__swarm?.snapshot().peerId ?? '')

/** Peers that this tab holds a direct (`limits == null`) open connection to. */
const directPeers = (p: Page) =>
  p.evaluate(() =>
    (window.__swarm?.connections() ?? [])
      .filter((c) => c.direct && c.status === 'open' && c.addr.includes('/webrtc'))
      .map((c) => c.peer),
  )

async function expectFullMesh(pages: Page[], ids: string[], timeout: number) {
  for (const [i, p] of pages.entries()) {
    const others = ids.filter((_, j) => j !== i)
    await expect
      .poll(async () => (await directPeers(p)).filter((x) => others.includes(x)).sort(), {
        timeout,
        message: `tab ${i} should hold direct WebRTC links to every other tab`,
      })
      .toEqual([...others].sort())
  }
}

test('three tabs connect directly over WebRTC and gossip reaches every tab', async ({
  page,
  relay,
}) => {
  const pages = await openTabs(page, relay.href('/'), TABS)
  const ids = await Promise.all(pages.map(peerIdOf))
  expect(new Set(ids).size).toBe(TABS)

  await expectFullMesh(pages, ids, 60_000)
  for (const p of pages) {
    await expect(
      p.getByTestId('peer-row').and(p.locator('[data-connection="direct"]')),
    ).toHaveCount(TABS - 1)
  }

  // Publish once the gossip mesh knows the others' subscriptions; the message must reach both.
  const [sender, ...receivers] = pages as [Page, ...Page[]]
  const senderId = ids[0] ?? ''
  await expect
    .poll(() => sender.evaluate(() => window.__swarm?.lobbySubscribers().length ?? 0), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(TABS - 1)
  const text = `hello ${Date.now()}`
  const recipients = await sender.evaluate((t) => window.__swarm?.sayHello(t) ?? 0, text)
  expect(recipients).toBeGreaterThan(0)
  for (const r of receivers) {
    await expect
      .poll(() =>
        r.evaluate(
          (t) =>
            window.__swarm
              ?.snapshot()
              .lobby.filter((m) => m.text === t)
              .map((m) => m.from) ?? [],
          text,
        ),
      )
      .toContain(senderId)
  }
})

test('direct links survive a relay restart and the tabs reconnect to the relay', async ({
  page,
  relay,
}) => {
  const pages = await openTabs(page, relay.href('/'), TABS)
  const ids = await Promise.all(pages.map(peerIdOf))
  await expectFullMesh(pages, ids, 60_000)
  const relayPeer = relay.current.peerId

  await relay.stop()
  for (const p of pages) await expect(p.getByTestId('relay-state')).toHaveText('reconnecting')
  // The WebRTC links do not go through the relay, so they are still there.
  await expectFullMesh(pages, ids, 5_000)

  await relay.start()
  expect(relay.current.peerId).toBe(relayPeer)
  for (const p of pages) {
    await expect(p.getByTestId('relay-state')).toHaveText('connected', { timeout: 30_000 })
    await expect(p.getByTestId('relay-reconnects')).toHaveText('1')
    await expect(p.getByTestId('relay-reserved')).toHaveText('yes', { timeout: 30_000 })
  }
  await expectFullMesh(pages, ids, 5_000)
})
