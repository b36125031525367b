/** The relay's archive asks a tab for a whole checkpoint only when the tab has a newer block. */
import { mkdtemp, mkdir, copyFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { sealJoin } from '../../../shared/chain/index.ts'
import { generateIdentity } from '../../../shared/crypto/index.ts'
import { jobId, validateJob } from '../../../shared/job/index.ts'
import { decodeHeight } from '../../../shared/node/index.ts'
import type { Height, PeerIdString } from '../../../shared/types/index.ts'
import { CheckpointArchive, type ArchiveNetwork } from '../../../relay/archive.ts'
import { GenesisRegistry } from '../../../relay/genesis.ts'

const MANIFEST = join(import.meta.dirname, '../../../public/jobs/mnist-mlp.json')
const PEER = '12D3KooWEwjtPjwN5hi6Qzb43ZE1ypyg9pHzxysAr79pLtFurdmi' as PeerIdString
const dirs: string[] = []

async function archiveWithJob() {
  const dir = await mkdtemp(join(tmpdir(), 'archive-'))
  dirs.push(dir)
  await mkdir(join(dir, 'static/jobs'), { recursive: true })
  await copyFile(MANIFEST, join(dir, 'static/jobs/mnist-mlp.json'))
  const parsed = validateJob(JSON.parse(readFileSync(MANIFEST, 'utf8')) as unknown)
  if (!parsed.ok) throw new Error('the shipped manifest is invalid')
  const id = jobId(parsed.value)
  const genesis = new GenesisRegistry(join(dir, 'data'))
  const claimed = await genesis.claim(id, sealJoin(generateIdentity(), id, 0 as Height, PEER))
  expect(claimed.ok).toBe(true)
  const archive = new CheckpointArchive(join(dir, 'data'), join(dir, 'static'), genesis)
  return { archive, id, dataDir: join(dir, 'data') }
}

/** A tab that answers the probe with `probe` and a checkpoint request with junk. */
function tab(probe: Uint8Array | undefined) {
  const asked: { protocol: string; height?: number }[] = []
  const net: ArchiveNetwork = {
    peers: () => [PEER],
    request: (_peer, protocol, data) => {
      const h = decodeHeight(data)
      asked.push({ protocol, ...(h.ok ? { height: h.value } : {}) })
      return Promise.resolve(protocol === 'sync' ? probe : new Uint8Array([1, 2, 3]))
    },
  }
  return { net, asked }
}

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

describe('checkpoint archive polling', () => {
  it('skips the checkpoint when the tab has no block after the archived height', async () => {
    const { archive } = await archiveWithJob()
    const { net, asked } = tab(undefined)
    await archive.poll(net)
    await archive.poll(net)
    expect(asked).toEqual([
      { protocol: 'sync', height: 1 },
      { protocol: 'sync', height: 1 },
    ])
    expect(archive.counts).toMatchObject({ probes: 2, stored: 0, refused: 0 })
  })

  it('fetches and verifies the checkpoint when the tab has a newer block', async () => {
    const { archive } = await archiveWithJob()
    const { net, asked } = tab(new Uint8Array([9]))
    await archive.poll(net)
    expect(asked.map((a) => a.protocol)).toEqual(['sync', 'checkpoint'])
    // Junk is refused, never stored.
    expect(archive.counts).toMatchObject({ probes: 1, stored: 0, refused: 1 })
  })
})

describe('checkpoint archive on disk', () => {
  it('serves nothing for a job it has no checkpoint of', async () => {
    const { archive, id } = await archiveWithJob()
    expect(await archive.latestEntry(id)).toBeUndefined()
    expect(await archive.latestEntry('../../etc/passwd')).toBeUndefined()
  })

  it('does not serve a kept file that no longer decodes', async () => {
    const { archive, id, dataDir } = await archiveWithJob()
    await mkdir(join(dataDir, 'checkpoints'), { recursive: true })
    await writeFile(join(dataDir, 'checkpoints', `${id}.checkpoint`), new Uint8Array([7, 7, 7]))
    expect(await archive.latestEntry(id)).toBeUndefined()
    expect(await archive.latest(id)).toBeUndefined()
  })
})
