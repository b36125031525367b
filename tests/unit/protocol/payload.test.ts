import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../shared/crypto/index.ts'
import { checkPayload, payloadHashOf } from '../../../shared/protocol/index.ts'

describe('checkPayload', () => {
  const payload = new Uint8Array(10_000).map((_, i) => i & 0xff)

  it('accepts the payload the header names', async () => {
    const header = { payloadHash: await payloadHashOf(payload), payloadBytes: payload.length }
    expect(header.payloadHash).toBe(sha256Hex(payload))
    expect(await checkPayload(header, payload)).toEqual({ ok: true, value: undefined })
  })

  it('rejects a payload of another length or with one byte changed', async () => {
    const header = { payloadHash: await payloadHashOf(payload), payloadBytes: payload.length }
    const changed = payload.slice()
    changed[5000] = 0
    expect(await checkPayload(header, payload.subarray(1))).toMatchObject({
      ok: false,
      reason: { code: 'bad-payload' },
    })
    expect(await checkPayload(header, changed)).toMatchObject({
      ok: false,
      reason: { code: 'bad-payload' },
    })
  })
})
