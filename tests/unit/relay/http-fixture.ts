/** An in-process relay HTTP server over a temporary static and data dir, for the relay tests. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { CheckpointArchive } from '../../../relay/archive.ts'
import { GenesisRegistry } from '../../../relay/genesis.ts'
import { createHttpServer, type Limits } from '../../../relay/http.ts'
import { ServedJobs } from '../../../relay/jobs.ts'
import { Metrics } from '../../../relay/metrics.ts'

const open: { server: Server; dir: string }[] = []
const LISTEN = '/ip4/127.0.0.1/tcp/9999/ws/p2p/12D3KooWEwjtPjwN5hi6Qzb43ZE1ypyg9pHzxysAr79pLtFurdmi'

/** Closes every server {@link setup} opened and removes its files (registered once). */
afterEach(async () => {
  for (const { server, dir } of open.splice(0)) {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
    await rm(dir, { recursive: true, force: true })
  }
})

/** A relay HTTP server on a free port over a static dir holding `files` (text, or bytes). */
export async function setup(
  files: Record<string, string | Uint8Array> = {},
  limits: Partial<Limits> = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'relay-http-'))
  const staticDir = join(dir, 'static')
  await mkdir(staticDir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(staticDir, name, '..'), { recursive: true })
    await writeFile(join(staticDir, name), text)
  }
  const metrics = new Metrics()
  const jobs = new ServedJobs(staticDir)
  const genesis = new GenesisRegistry(join(dir, 'data'), jobs)
  const server = createHttpServer({
    staticDir,
    metrics,
    genesis,
    archive: new CheckpointArchive(join(dir, 'data'), jobs, genesis),
    peerId: () => 'peer',
    listeningAddrs: () => [LISTEN],
    announcedAddrs: () => [],
    health: () => ({}),
    limits,
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  open.push({ server, dir })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { metrics, href: (path: string) => base + path, dataDir: join(dir, 'data') }
}
