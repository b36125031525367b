import { describe, expect, it } from 'vitest'
import type { AuditEntry, AuditRecord } from '../../../shared/autonomy/index.ts'
import {
  AUDIT_STORAGE_PREFIX,
  AuditLog,
  AuditLogError,
  encodeBody,
  encodeStored,
  GENESIS_HASH,
  hashBody,
  verifyAuditEntries,
} from '../../../shared/autonomy/index.ts'
import { generateIdentity, identityFromSeeds } from '../../../shared/crypto/index.ts'
import { encodeUtf8, decodeUtf8 } from '../../../shared/protocol/index.ts'
import { MemoryStorage } from '../../../shared/storage/index.ts'

const JOB = 'mnist-test'
const identity = identityFromSeeds(new Uint8Array(32).fill(7), new Uint8Array(64).fill(9))

function record(i: number): AuditRecord {
  return {
    at: 1_000 + i,
    facts: { 'battery.level': 0.1 + i / 100, 'tab.visible': i % 2 === 0, 'pressure.state': 'fair' },
    fired: [{ id: 'battery-low', priority: 900, reasons: [`battery.level is ${i}`] }],
    actions: [{ type: 'pause', by: 'rule:battery-low', ok: true }],
    notes: [`note ${i}`],
  }
}

async function setup(count: number, maxEntries?: number) {
  const storage = new MemoryStorage()
  const init = maxEntries === undefined ? { job: JOB } : { job: JOB, maxEntries }
  const log = await AuditLog.open({ storage, identity }, init)
  for (let i = 0; i < count; i++) await log.append(record(i))
  const reopen = () => AuditLog.open({ storage, identity }, init)
  return { storage, log, reopen }
}

// Rewrites one stored entry through `edit` (which gets the parsed JSON).
async function tamper(
  storage: MemoryStorage,
  seq: number,
  edit: (entry: Record<string, unknown>) => void,
): Promise<void> {
  const key = `${AUDIT_STORAGE_PREFIX}${JOB}/e/${String(seq).padStart(16, '0')}`
  const bytes = await storage.get(key)
  if (bytes === undefined) throw new Error(`no entry ${seq}`)
  const entry = JSON.parse(decodeUtf8(bytes)) as Record<string, unknown>
  edit(entry)
  await storage.put(key, encodeUtf8(JSON.stringify(entry)))
}

describe('AuditLog', () => {
  it('chains entries from the genesis hash and verifies them', async () => {
    const { log } = await setup(3)
    const entries = log.entries()
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2])
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH)
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash)
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash)
    expect(entries[0]?.node).toBe(identity.nodeId)
    expect(log.verify()).toEqual({
      ok: true,
      value: { count: 3, headSeq: 2, headHash: entries[2]?.hash },
    })
  })

  it('keeps the facts, fired rules with reasons and actions of each decision', async () => {
    const { log } = await setup(1)
    expect(log.entries()[0]).toMatchObject(record(0))
  })

  it('continues the same chain after reopening from storage', async () => {
    const { log, reopen } = await setup(2)
    const again = await reopen()
    expect(again.entries()).toEqual(log.entries())
    const third = await again.append(record(2))
    expect(third.seq).toBe(2)
    expect(third.prevHash).toBe(log.entries()[1]?.hash)
    expect(again.verify().ok).toBe(true)
  })

  it('reports a tampered entry as the first bad one, with why', async () => {
    const { storage, reopen } = await setup(4)
    await tamper(storage, 2, (e) => {
      ;(e.facts as Record<string, unknown>)['battery.level'] = 0.99
    })
    expect((await reopen()).verify()).toEqual({
      ok: false,
      reason: { seq: 2, reason: 'hash does not match the entry’s contents' },
    })
  })

  it('catches a tampered entry whose hash was recomputed by its signature', async () => {
    const { storage, log, reopen } = await setup(3)
    const forged = { ...log.entries()[1], notes: ['nothing happened'] } as AuditEntry
    await tamper(storage, 1, (e) => {
      e.notes = forged.notes
      e.hash = hashBody(encodeBody(forged))
    })
    expect((await reopen()).verify()).toEqual({
      ok: false,
      reason: { seq: 1, reason: 'signature does not verify' },
    })
  })

  it('catches a removed entry and a reordered chain', async () => {
    const { storage, reopen } = await setup(4)
    await storage.delete(`${AUDIT_STORAGE_PREFIX}${JOB}/e/${'2'.padStart(16, '0')}`)
    expect((await reopen()).verify()).toEqual({
      ok: false,
      reason: { seq: 3, reason: 'seq 3 where 2 was expected' },
    })
    const entries = (await setup(3)).log.entries()
    const swapped = [entries[0], entries[2], entries[1]] as AuditEntry[]
    const result = verifyAuditEntries(swapped, { publicKey: identity.publicKey, job: JOB })
    expect(result).toEqual({ ok: false, reason: { seq: 2, reason: 'seq 2 where 1 was expected' } })
  })

  it('catches an entry re-linked to a different predecessor', async () => {
    const { storage, reopen } = await setup(3)
    await tamper(storage, 2, (e) => {
      e.prevHash = GENESIS_HASH
    })
    expect((await reopen()).verify()).toEqual({
      ok: false,
      reason: { seq: 2, reason: 'prevHash does not match the previous entry' },
    })
  })

  it('reports unreadable stored entries instead of throwing', async () => {
    const { storage, reopen } = await setup(3)
    await storage.put(
      `${AUDIT_STORAGE_PREFIX}${JOB}/e/${'1'.padStart(16, '0')}`,
      new Uint8Array([0xff]),
    )
    const log = await reopen()
    expect(log.entries().map((e) => e.seq)).toEqual([0, 2])
    const verified = log.verify()
    expect(verified.ok).toBe(false)
    if (!verified.ok) {
      expect(verified.reason.seq).toBe(1)
      expect(verified.reason.reason).toMatch(/^unreadable: not JSON/)
    }
    await tamper(storage, 2, (e) => {
      e.signature = 'abc'
    })
    const shape = (await reopen()).verify()
    expect(shape.ok).toBe(false)
  })

  it('does not verify under another key or another job', async () => {
    const { log } = await setup(2)
    const entries = log.entries()
    const stranger = generateIdentity()
    expect(verifyAuditEntries(entries, { publicKey: stranger.publicKey, job: JOB }).ok).toBe(false)
    expect(
      verifyAuditEntries(entries, { publicKey: identity.publicKey, job: 'other-job' }),
    ).toEqual({
      ok: false,
      reason: { seq: 0, reason: 'entry is for job "mnist-test"' },
    })
  })

  it('keeps at most maxEntries, anchored on the last dropped entry, and still verifies', async () => {
    const { log, storage, reopen } = await setup(7, 3)
    expect(log.entries().map((e) => e.seq)).toEqual([4, 5, 6])
    expect(log.anchor()?.seq).toBe(3)
    expect(log.entries()[0]?.prevHash).toBe(log.anchor()?.hash)
    expect(log.verify()).toMatchObject({ ok: true, value: { count: 3, headSeq: 6 } })
    const keys = await storage.keys(`${AUDIT_STORAGE_PREFIX}${JOB}/e/`)
    expect(keys).toHaveLength(3)
    const again = await reopen()
    expect(again.anchor()).toEqual(log.anchor())
    expect(again.verify().ok).toBe(true)
  })

  it('rejects a trimmed log whose first kept entry does not follow the anchor', async () => {
    const { log } = await setup(5, 2)
    const entries = log.entries()
    const wrongAnchor = { seq: 2, hash: GENESIS_HASH }
    const result = verifyAuditEntries(entries, {
      publicKey: identity.publicKey,
      job: JOB,
      anchor: wrongAnchor,
    })
    expect(result).toEqual({
      ok: false,
      reason: { seq: 3, reason: 'prevHash does not match the previous entry' },
    })
  })

  it('finishes an interrupted trim on open', async () => {
    const { storage, log, reopen } = await setup(4, 3)
    // Simulate a crash after the anchor was written but before the old entry was deleted.
    const orphan = `${AUDIT_STORAGE_PREFIX}${JOB}/e/${'0'.padStart(16, '0')}`
    const first = (await setup(1)).log.entries()[0] as AuditEntry
    await storage.put(orphan, encodeStored(first))
    const again = await reopen()
    expect(again.entries()).toEqual(log.entries())
    expect(await storage.get(orphan)).toBeUndefined()
    expect(again.verify().ok).toBe(true)
  })

  it('bounds the stored size by the entry limit and the per-entry cap', async () => {
    const { log, storage } = await setup(6, 2)
    const long = { ...record(0), notes: Array.from({ length: 40 }, () => 'n'.repeat(500)) }
    const entry = await log.append(long)
    expect(entry.notes).toHaveLength(16)
    expect(entry.notes[0]?.length).toBe(160)
    let bytes = 0
    for (const key of await storage.keys(AUDIT_STORAGE_PREFIX))
      bytes += (await storage.get(key))?.length ?? 0
    expect(bytes).toBeLessThan(3 * 20_000)
    expect(log.verify().ok).toBe(true)
  })

  it('refuses records that JSON cannot hold faithfully', async () => {
    const { log } = await setup(0)
    const bad = { ...record(0), facts: { 'battery.level': Number.NaN } }
    await expect(log.append(bad)).rejects.toThrow(AuditLogError)
    // The failed append leaves the chain usable.
    await log.append(record(1))
    expect(log.verify().ok).toBe(true)
  })

  it('refuses a maxEntries out of bounds and a job that cannot name a context', async () => {
    const storage = new MemoryStorage()
    await expect(AuditLog.open({ storage, identity }, { job: JOB, maxEntries: 0 })).rejects.toThrow(
      /maxEntries/,
    )
    await expect(AuditLog.open({ storage, identity }, { job: 'Bad Job' })).rejects.toThrow(
      /invalid job id/,
    )
  })

  it('serializes concurrent appends into one chain and tells subscribers', async () => {
    const { log } = await setup(0)
    const seen: number[] = []
    const stop = log.subscribe((e) => seen.push(e.seq))
    await Promise.all([0, 1, 2, 3].map((i) => log.append(record(i))))
    stop()
    await log.append(record(4))
    expect(seen).toEqual([0, 1, 2, 3])
    expect(log.verify()).toMatchObject({ ok: true, value: { count: 5 } })
  })
})
