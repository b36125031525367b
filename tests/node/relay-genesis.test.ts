/**
 * The relay's genesis registrar: first signed join wins, forgeries are refused, records persist,
 * and only the jobs it serves can be founded.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sealJoin } from '../../shared/chain/index.ts'
import { generateIdentity } from '../../shared/crypto/index.ts'
import { jobId, validateJob } from '../../shared/job/index.ts'
import type { Height, JobId, PeerIdString } from '../../shared/types/index.ts'
import { removeDataDir, spawnRelay } from '../e2e/relay-process.ts'

/** The id of a shipped job manifest (the relay serves `public/` here). */
function servedJob(name: string): JobId {
  const parsed = validateJob(JSON.parse(readFileSync(`public/jobs/${name}`, 'utf8')) as unknown)
  if (!parsed.ok) throw new Error(`${name} is invalid`)
  return jobId(parsed.value)
}

const JOB = servedJob('mnist-mlp.json')
const OTHER = servedJob('mnist-cnn.json')
const PEER = '12D3KooWEwjtPjwN5hi6Qzb43ZE1ypyg9pHzxysAr79pLtFurdmi' as PeerIdString

describe('genesis registrar', () => {
  it('records the first valid join, returns it to later claimants, and keeps it across restarts', async () => {
    const relay = await spawnRelay({ staticDir: 'public' })
    const url = relay.href(`/api/genesis/${JOB}`)
    try {
      expect((await fetch(url)).status).toBe(404)
      const first = sealJoin(generateIdentity(), JOB, 0 as Height, PEER)
      const second = sealJoin(generateIdentity(), JOB, 0 as Height, PEER)
      const r1 = await fetch(url, { method: 'POST', body: Buffer.from(first) })
      expect(r1.status).toBe(201)
      const r2 = await fetch(url, { method: 'POST', body: Buffer.from(second) })
      expect(r2.status).toBe(200)
      expect(new Uint8Array(await r2.arrayBuffer())).toEqual(first)

      const forged = first.slice()
      forged[200]! ^= 1
      const r3 = await fetch(relay.href(`/api/genesis/${OTHER}`), {
        method: 'POST',
        body: Buffer.from(forged),
      })
      expect(r3.status).toBe(400)
      const wrongJob = await fetch(relay.href(`/api/genesis/${OTHER}`), {
        method: 'POST',
        body: Buffer.from(second),
      })
      expect(wrongJob.status).toBe(400)
      const notServed = await fetch(relay.href(`/api/genesis/${'e'.repeat(64)}`), {
        method: 'POST',
        body: Buffer.from(sealJoin(generateIdentity(), 'e'.repeat(64) as JobId, 0 as Height, PEER)),
      })
      expect(notServed.status).toBe(404)
      const huge = await fetch(url, { method: 'POST', body: Buffer.alloc(100_000) })
      expect(huge.status).toBe(413)
    } finally {
      await relay.stop()
    }
    const again = await spawnRelay({ dataDir: relay.dataDir, staticDir: 'public' })
    try {
      const got = await fetch(again.href(`/api/genesis/${JOB}`))
      expect(got.status).toBe(200)
      expect((await got.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    } finally {
      await again.stop()
      await removeDataDir(relay.dataDir)
    }
  })
})
