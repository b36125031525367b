/**
 * The genesis registrar over HTTP: only the jobs the relay serves can be founded, whatever
 * strangers post, and claims are rate-limited per IP.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sealJoin } from '../../../shared/chain/index.ts'
import { generateIdentity } from '../../../shared/crypto/index.ts'
import { jobId, validateJob } from '../../../shared/job/index.ts'
import type { Height, JobId, PeerIdString } from '../../../shared/types/index.ts'
import { RateLimiter } from '../../../relay/rate-limit.ts'
import { setup } from './http-fixture.ts'

const PEER = '12D3KooWEwjtPjwN5hi6Qzb43ZE1ypyg9pHzxysAr79pLtFurdmi' as PeerIdString
const JOBS_DIR = join(import.meta.dirname, '../../../public/jobs')
const MANIFESTS = ['mnist-mlp.json', 'mnist-cnn.json']
const UNLIMITED = new RateLimiter({ burst: 1e9, perSecond: 1e9 })

/** A relay serving the shipped job manifests, and their ids. */
async function served(limits = { genesis: UNLIMITED, checkpoint: UNLIMITED }) {
  const files: Record<string, string> = {}
  const ids: JobId[] = []
  for (const name of MANIFESTS) {
    const text = await readFile(join(JOBS_DIR, name), 'utf8')
    files[`jobs/${name}`] = text
    const parsed = validateJob(JSON.parse(text) as unknown)
    if (!parsed.ok) throw new Error(`${name} is invalid`)
    ids.push(jobId(parsed.value))
  }
  const relay = await setup(files, limits)
  const records = async () =>
    (await readdir(join(relay.dataDir, 'genesis')).catch(() => [] as string[])).filter((f) =>
      f.endsWith('.join'),
    )
  const post = (job: string, body: Uint8Array) =>
    fetch(relay.href(`/api/genesis/${job}`), { method: 'POST', body: Buffer.from(body) })
  return { ...relay, ids, records, post }
}

const randomJob = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex')

describe('genesis registrar over HTTP', () => {
  it('records a founder for a served job', async () => {
    const { ids, post, records } = await served()
    const job = ids[0] as JobId
    const res = await post(job, sealJoin(generateIdentity(), job, 0 as Height, PEER))
    expect(res.status).toBe(201)
    expect(await records()).toEqual([`${job}.join`])
  })

  it('answers 404 for a job it does not serve and writes nothing', async () => {
    const { post, records, href } = await served()
    const job = randomJob() as JobId
    // A valid, signed join: refused for its job id alone.
    const res = await post(job, sealJoin(generateIdentity(), job, 0 as Height, PEER))
    expect(res.status).toBe(404)
    expect(await res.text()).toMatch(/not a job this relay serves/)
    expect(await records()).toEqual([])
    expect((await fetch(href(`/api/genesis/${job}`))).status).toBe(404)
  })

  it('keeps one record per served job after 10,000 POSTs', async () => {
    const { ids, post, records, metrics } = await served()
    const statuses = new Map<number, number>()
    const junk = new Uint8Array(200).fill(7)
    const bodies = ids.map((job) => sealJoin(generateIdentity(), job, 0 as Height, PEER))
    for (let batch = 0; batch < 100; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          // Every 50th POST is a valid founder claim for a served job; the rest name strangers.
          const k = batch * 100 + i
          const served = k % 50 === 0
          const which = (k / 50) % ids.length
          const job = served ? (ids[which] as JobId) : randomJob()
          return post(job, served ? (bodies[which] as Uint8Array) : junk).then(
            async (r) => (await r.arrayBuffer(), r.status),
          )
        }),
      )
      for (const s of answers) statuses.set(s, (statuses.get(s) ?? 0) + 1)
    }
    expect(statuses.get(404)).toBe(9_800)
    expect((statuses.get(201) ?? 0) + (statuses.get(200) ?? 0)).toBe(200)
    expect((await records()).sort()).toEqual(ids.map((id) => `${id}.join`).sort())
    expect(await metrics.get('http_rejected_total', { reason: 'unknown job' })).toBe(9_800)
  }, 120_000)

  it('rate-limits claims per IP with 429 and Retry-After, and counts them', async () => {
    const limits = {
      genesis: new RateLimiter({ burst: 2, perSecond: 0.01 }),
      checkpoint: UNLIMITED,
    }
    const { post, metrics } = await served(limits)
    const job = randomJob()
    const junk = new Uint8Array(10)
    expect((await post(job, junk)).status).toBe(404)
    expect((await post(job, junk)).status).toBe(404)
    const limited = await post(job, junk)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await metrics.get('http_rate_limited_total', { route: 'genesis' })).toBe(1)
  })

  it('rate-limits checkpoint requests per IP', async () => {
    const limits = {
      genesis: UNLIMITED,
      checkpoint: new RateLimiter({ burst: 3, perSecond: 0.01 }),
    }
    const { ids, href, metrics } = await served(limits)
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) {
      const res = await fetch(href(`/api/checkpoint/${ids[0]}`))
      await res.arrayBuffer()
      statuses.push(res.status)
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429, 429, 429, 429, 429, 429])
    expect(await metrics.get('http_rate_limited_total', { route: 'checkpoint' })).toBe(7)
  })
})
