/**
 * The relay process: it answers, survives hostile input, keeps its identity, stops cleanly.
 */
import { noise } from '@libp2p/noise'
import { ping } from '@libp2p/ping'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDataDir, spawnRelay, type RelayProcess } from '../e2e/relay-process.ts'

function rawRequest(port: number, bytes: string | Uint8Array): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (d) => (answer += d.toString()))
    socket.on('error', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    socket.write(bytes)
    setTimeout(() => socket.end(), 500)
  })
}

async function health(relay: RelayProcess) {
  const res = await fetch(relay.href('/health'))
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('relay process', () => {
  let relay: RelayProcess

  beforeAll(async () => {
    relay = await spawnRelay()
  })

  afterAll(async () => {
    await relay.stop()
    await removeDataDir(relay.dataDir)
  })

  it('answers GET /health with its peer id', async () => {
    const h = await health(relay)
    expect(h.status).toBe(200)
    expect(h.body).toMatchObject({ status: 'ok', peerId: relay.peerId })
  })

  it('hands out its own WebSockets address at /api/bootstrap', async () => {
    const res = await fetch(relay.href('/api/bootstrap'))
    const body = (await res.json()) as { peerId: string; multiaddrs: string[] }
    expect(body.peerId).toBe(relay.peerId)
    expect(body.multiaddrs).toContain(`/ip4/127.0.0.1/tcp/${relay.wsPort}/ws/p2p/${relay.peerId}`)
  })

  it('answers hostile HTTP requests with 4xx and stays up', async () => {
    expect((await fetch(relay.href('/'), { method: 'POST', body: 'x' })).status).toBe(405)
    expect((await fetch(relay.href('/%E0%A4%A'))).status).toBe(400)
    expect((await fetch(relay.href(`/${'a'.repeat(5000)}`))).status).toBe(414)
    expect((await fetch(relay.href('/api/unknown'))).status).toBe(404)
    const traversal = await rawRequest(
      relay.httpPort,
      'GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n',
    )
    expect(traversal).not.toContain('root:')
    const garbage = await rawRequest(relay.httpPort, '\u0000\u0001GARBAGE \r\n\r\n')
    expect(garbage).toMatch(/^HTTP\/1\.1 400/)
    await rawRequest(relay.httpPort, new Uint8Array(64 * 1024).fill(0xff))
    expect((await health(relay)).status).toBe(200)
    const metrics = await (await fetch(relay.href('/metrics'))).text()
    expect(metrics).toMatch(/relay_http_rejected_total\{reason="malformed"\} [1-9]/)
  })

  it('survives garbage WebSocket frames and raw bytes on the libp2p port', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${relay.wsPort}`)
    ws.binaryType = 'arraybuffer'
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve()
      ws.onerror = () => reject(new Error('websocket failed to open'))
    })
    const closed = new Promise<void>((resolve) => (ws.onclose = () => resolve()))
    ws.send(new Uint8Array(4096).map((_, i) => (i * 131) & 0xff))
    ws.send('not multistream-select\n')
    ws.send(new Uint8Array([0x13, ...new TextEncoder().encode('/multistream/1.0.0\n'), 0xff, 0xff]))
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3_000))])
    ws.close()
    await rawRequest(
      relay.wsPort,
      'GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0000\u0000',
    )

    expect((await health(relay)).status).toBe(200)
    // The libp2p side still works: a real peer connects and pings it.
    const client = await createLibp2p({
      transports: [webSockets()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { ping: ping() },
    })
    try {
      const rtt = await client.services.ping.ping(multiaddr(relay.multiaddrs[0] ?? ''))
      expect(rtt).toBeGreaterThanOrEqual(0)
    } finally {
      await client.stop()
    }
  })
})

describe('relay identity and shutdown', () => {
  it('keeps its peer id across restarts and exits 0 on SIGTERM', async () => {
    const first = await spawnRelay()
    expect(await first.stop()).toBe(0)
    expect(first.output.join('')).toContain('relay: stopped')
    const second = await spawnRelay({ dataDir: first.dataDir })
    try {
      expect(second.peerId).toBe(first.peerId)
    } finally {
      expect(await second.stop()).toBe(0)
      await removeDataDir(first.dataDir)
    }
  })

  it('refuses bad configuration with a message and exit code 2', async () => {
    await expect(spawnRelay({ httpPort: 70000 })).rejects.toThrow(/exited with 2[\s\S]*--http-port/)
  })
})

describe('relay dataset downloads', () => {
  it('counts each full download of a dataset file by name, not HEAD requests or other files', async () => {
    const relay = await spawnRelay({ staticDir: 'public' })
    try {
      const get = async (path: string, method = 'GET') => {
        const res = await fetch(relay.href(path), { method })
        await res.arrayBuffer()
        return res.status
      }
      expect(await get('/data/mnist-test.bin.gz')).toBe(200)
      expect(await get('/data/mnist-test.bin.gz')).toBe(200)
      expect(await get('/data/mnist-test.bin.gz', 'HEAD')).toBe(200)
      expect(await get('/data/README.md')).toBe(200)
      expect(await get('/data/missing.bin.gz')).toBe(404)
      const metrics = await (await fetch(relay.href('/metrics'))).text()
      const downloads = metrics.split('\n').filter((l) => l.startsWith('relay_dataset_downloads'))
      expect(downloads).toEqual(['relay_dataset_downloads_total{file="mnist-test.bin.gz"} 2'])
    } finally {
      await relay.stop()
      await removeDataDir(relay.dataDir)
    }
  })
})
