/** The relay's archive asks a tab for a whole checkpoint only when the tab has a newer block. */
import { mkdtemp, mkdir, copyFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { sealJoin } from '../../../shared/chain/index.ts'
import { generateIdentity } from '../../../shared/crypto/index.ts'
import { jobId, validateJob } from '../../../shared/job/index.ts'
import { weightLayout } from '../../../shared/model/index.ts'
import { decodeHeight } from '../../../shared/node/index.ts'
import { callStream, type ByteStream } from '../../../shared/transport/stream-rpc.ts'
import type { Height, PeerIdString } from '../../../shared/types/index.ts'
import { CheckpointArchive, type ArchiveNetwork } from '../../../relay/archive.ts'
import { GenesisRegistry } from '../../../relay/genesis.ts'
import { ServedJobs } from '../../../relay/jobs.ts'

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
  const jobs = new ServedJobs(join(dir, 'static'))
  const genesis = new GenesisRegistry(join(dir, 'data'), jobs)
  const claimed = await genesis.claim(id, sealJoin(generateIdentity(), id, 0 as Height, PEER))
  expect(claimed.ok).toBe(true)
  const archive = new CheckpointArchive(join(dir, 'data'), jobs, genesis)
  return { archive, id, dataDir: join(dir, 'data'), manifest: parsed.value }
}

/**
 * A tab that answers the probe with `probe` and a checkpoint request with junk (or nothing, as
 * when its answer was over the cap).
 */
function tab(
  probe: Uint8Array | undefined,
  checkpoint: Uint8Array | 'none' = new Uint8Array([1, 2, 3]),
) {
  const asked: { protocol: string; height?: number; maxBytes: number }[] = []
  const net: ArchiveNetwork = {
    peers: () => [PEER],
    request: (_peer, protocol, data, maxBytes) => {
      const h = decodeHeight(data)
      asked.push({ protocol, maxBytes, ...(h.ok ? { height: h.value } : {}) })
      return Promise.resolve(
        protocol === 'sync' ? probe : checkpoint === 'none' ? undefined : checkpoint,
      )
    },
  }
  return { net, asked }
}

/** A stream whose peer answers "found, `length` bytes" and then sends 1 MiB chunks forever. */
function hugeAnswer(length: number) {
  let chunks = 0
  const header = new Uint8Array([
    1,
    length >>> 24,
    (length >>> 16) & 255,
    (length >>> 8) & 255,
    length & 255,
  ])
  const stream: ByteStream = {
    send: () => true,
    onDrain: () => Promise.resolve(),
    close: () => Promise.resolve(),
    abort: () => undefined,
    async *[Symbol.asyncIterator]() {
      yield header
      for (;;) {
        chunks++
        // A network read: each chunk arrives on a later turn of the event loop.
        await new Promise((r) => setImmediate(r))
        yield new Uint8Array(1024 * 1024)
      }
    },
  }
  return { stream, chunks: () => chunks }
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
    expect(asked).toMatchObject([
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

describe('checkpoint size cap', () => {
  it('caps a checkpoint at what the job can hold near the archived height, far below 600 MB', async () => {
    const { archive, id, manifest } = await archiveWithJob()
    const cap = await archive.maxCheckpointBytes(id)
    // At least S_0 (θ, momentum and last aggregate, 4 bytes each per parameter) …
    expect(cap).toBeGreaterThan(3 * 4 * weightLayout(manifest.model).paramCount)
    // … and nowhere near the old fixed 512 MiB.
    expect(cap).toBeLessThan(128 * 1024 * 1024)
    expect(await archive.maxCheckpointBytes('0'.repeat(64))).toBe(0)
  })

  it('asks the tab for at most the cap, and allows twice the heights after a failed fetch', async () => {
    const { archive, id } = await archiveWithJob()
    const first = await archive.maxCheckpointBytes(id)
    const { net, asked } = tab(new Uint8Array([9]), 'none')
    await archive.poll(net)
    expect(asked.map((a) => [a.protocol, a.maxBytes])).toEqual([
      ['sync', 64 * 1024 * 1024],
      ['checkpoint', first],
    ])
    expect(archive.counts).toMatchObject({ failed: 1, stored: 0 })
    const second = await archive.maxCheckpointBytes(id)
    expect(second).toBeGreaterThan(first)
    await archive.poll(net)
    expect(asked.at(-1)?.maxBytes).toBe(second)
  })

  it('refuses a 600 MB answer from its length prefix, before buffering it', async () => {
    const { archive, id } = await archiveWithJob()
    const { stream, chunks } = hugeAnswer(600_000_000)
    const got = await callStream(stream, new Uint8Array(0), await archive.maxCheckpointBytes(id))
    expect(got.ok).toBe(false)
    expect(chunks()).toBeLessThanOrEqual(1)
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
