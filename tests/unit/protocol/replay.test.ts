import { describe, expect, it } from 'vitest'
import type { ReplayEntry } from '../../../shared/protocol/index.ts'
import { ReplayGuard } from '../../../shared/protocol/index.ts'
import type { HashHex, Height, JobId, NodeId } from '../../../shared/types/index.ts'

const JOB = 'job' as JobId
const node = (n: number) => n.toString(16).padStart(64, '0') as NodeId
const hash = (n: number) => n.toString(16).padStart(64, 'f') as HashHex
const entry = (over: Partial<ReplayEntry> = {}): ReplayEntry => ({
  job: JOB,
  height: 10 as Height,
  node: node(1),
  type: 'prevote',
  hash: hash(1),
  ...over,
})
const codeOf = (r: ReturnType<ReplayGuard['admit']>) => (r.ok ? 'ok' : r.reason.code)

describe('ReplayGuard', () => {
  const setup = (extra = {}) => new ReplayGuard({ job: JOB, height: 10 as Height, ...extra })

  it('admits a message once and refuses it as a duplicate afterwards', () => {
    const guard = setup()
    expect(codeOf(guard.admit(entry()))).toBe('ok')
    expect(codeOf(guard.check(entry()))).toBe('duplicate')
    expect(codeOf(guard.admit(entry()))).toBe('duplicate')
    expect(guard.size).toBe(1)
  })

  it('keeps job, height, sender and type apart', () => {
    const guard = setup()
    for (const e of [
      entry(),
      entry({ height: 11 as Height }),
      entry({ node: node(2) }),
      entry({ type: 'precommit' }),
    ]) {
      expect(codeOf(guard.admit(e))).toBe('ok')
    }
    expect(codeOf(guard.admit(entry({ job: 'other' as JobId })))).toBe('wrong-job')
  })

  it('refuses heights outside its window', () => {
    const guard = setup({ heightsBehind: 2, heightsAhead: 1 })
    expect(codeOf(guard.check(entry({ height: 7 as Height })))).toBe('stale')
    expect(codeOf(guard.check(entry({ height: 8 as Height })))).toBe('ok')
    expect(codeOf(guard.check(entry({ height: 11 as Height })))).toBe('ok')
    expect(codeOf(guard.check(entry({ height: 12 as Height })))).toBe('future')
  })

  it('forgets heights that fell out of the window, and refuses them as stale', () => {
    const guard = setup({ heightsBehind: 1 })
    guard.admit(entry({ height: 9 as Height }))
    guard.admit(entry({ height: 10 as Height }))
    guard.advanceTo(11 as Height)
    expect(guard.size).toBe(1)
    expect(codeOf(guard.admit(entry({ height: 9 as Height })))).toBe('stale')
    guard.advanceTo(3 as Height)
    expect(guard.height).toBe(11)
  })

  it('reports a second update from one node at one height as a conflict', () => {
    const guard = setup()
    const first = entry({ type: 'update', hash: hash(1) })
    expect(codeOf(guard.admit(first))).toBe('ok')
    const second = guard.admit(entry({ type: 'update', hash: hash(2) }))
    expect(second).toMatchObject({
      ok: false,
      reason: { code: 'conflict', conflictsWith: hash(1) },
    })
    expect(codeOf(guard.admit(entry({ type: 'update', hash: hash(2) })))).toBe('duplicate')
  })

  it('allows several messages of a repeatable type up to the per-slot limit', () => {
    const guard = setup({ maxPerSlot: 3 })
    for (let i = 0; i < 3; i++) expect(codeOf(guard.admit(entry({ hash: hash(i) })))).toBe('ok')
    expect(codeOf(guard.admit(entry({ hash: hash(9) })))).toBe('flood')
  })

  it('refuses new messages when full instead of forgetting old ones', () => {
    const guard = setup({ maxEntries: 2 })
    guard.admit(entry({ node: node(1) }))
    guard.admit(entry({ node: node(2) }))
    expect(codeOf(guard.admit(entry({ node: node(3) })))).toBe('full')
    expect(codeOf(guard.admit(entry({ node: node(1) })))).toBe('duplicate')
  })
})
