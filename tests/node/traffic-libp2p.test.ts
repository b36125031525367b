/**
 * The byte meter in the tab's libp2p stack (`app/net/traffic-meter.ts`), on real nodes: two
 * swarm clients in Node (WebRTC through the relay), a request and a gossip message, and what
 * each side counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SwarmClient } from '../../app/net/swarm-client.ts'
import type { Topic } from '../../shared/types/index.ts'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'

let relay: RelayProcess
let a: SwarmClient
let b: SwarmClient

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 100))
  return check()
}

beforeAll(async () => {
  relay = await spawnRelay()
  a = new SwarmClient()
  b = new SwarmClient()
  await a.start(relay.url)
  await b.start(relay.url)
  const direct = (c: SwarmClient) => c.snapshot.peers.some((p) => p.connection === 'direct')
  if (!(await until(() => direct(a) && direct(b), 30_000)))
    throw new Error('no direct link between the two clients')
}, 60_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await relay?.stop()
  await removeDataDir(relay.dataDir)
})

describe('the traffic meter', () => {
  it("counts a request's bytes on the swarm stream on both sides, the same on both", async () => {
    const protocol = '/swarm/meter-test/1.0.0'
    const answer = new Uint8Array(200_000).fill(7)
    b.transport!.handle('meter-test', () => Promise.resolve(answer))
    const got = await a.transport!.request(b.transport!.self, 'meter-test', new Uint8Array(1_000), {
      maxBytes: 1_000_000,
      timeoutMs: 20_000,
    })
    expect(got.ok).toBe(true)
    const at = a.traffic.totals().byProtocol[protocol]
    const bt = b.traffic.totals().byProtocol[protocol]
    // Request and answer carry small headers (status, lengths) on top of the bytes themselves.
    expect(at?.sent).toBeGreaterThanOrEqual(1_000)
    expect(at?.sent).toBeLessThan(1_100)
    expect(at?.received).toBeGreaterThanOrEqual(200_000)
    expect(at?.received).toBeLessThan(200_100)
    expect(bt).toEqual({ sent: at?.received, received: at?.sent })
    expect(a.traffic.totals().byKind.stream.received).toBeGreaterThanOrEqual(200_000)
  }, 30_000)

  it('counts a gossip message as gossip at the publisher and the receivers', async () => {
    const topic = 'meter-test-topic' as Topic
    a.transport!.subscribe(topic)
    b.transport!.subscribe(topic)
    let delivered = false
    b.transport!.on('message', (m) => {
      if (m.topic === topic && m.from === a.transport!.self) delivered = true
    })
    const aBefore = a.traffic.totals().byKind.gossip
    const bBefore = b.traffic.totals().byKind.gossip
    const data = new Uint8Array(20_000).fill(3)
    // Until the gossip mesh forms a publish may reach nobody: publish until b gets one.
    const ok = await until(() => {
      if (!delivered) void a.transport!.publish(topic, data).catch(() => undefined)
      return delivered
    }, 20_000)
    expect(ok).toBe(true)
    const aAfter = a.traffic.totals().byKind.gossip
    const bAfter = b.traffic.totals().byKind.gossip
    expect(aAfter.sent - aBefore.sent).toBeGreaterThanOrEqual(20_000)
    expect(bAfter.received - bBefore.received).toBeGreaterThanOrEqual(20_000)
    expect(a.traffic.totals().published.bytes % 20_000).toBe(0)
    expect(a.traffic.totals().published.messages).toBeGreaterThanOrEqual(1)
  }, 30_000)
})
