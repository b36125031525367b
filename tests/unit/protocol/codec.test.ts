import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { CoreMessage, UpdateMessage } from '../../../shared/protocol/index.ts'
import {
  ByteWriter,
  CORE_SCHEMAS,
  coreCodec,
  createCodec,
  fields,
  MAX_BODY_BYTES,
  updateMessage,
} from '../../../shared/protocol/index.ts'
import type { HashHex, Height, JobId, NodeId } from '../../../shared/types/index.ts'
import { joinArb, updateArb } from './arbitraries.ts'

const GOLDEN_UPDATE: UpdateMessage = {
  type: 'update',
  v: 1,
  job: 'mnist' as JobId,
  height: 300 as Height,
  node: '11'.repeat(32) as NodeId,
  base: '22'.repeat(32) as HashHex,
  samples: 640,
  trainLoss: 0.5,
  payloadHash: '33'.repeat(32) as HashHex,
  payloadBytes: 1000,
}

// Property predicates return booleans rather than call expect(): vitest's deep equality on
// kilobyte typed arrays, thousands of times, would dominate the run.
const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i])

const sameMessage = (a: CoreMessage, b: CoreMessage) => {
  const ra = a as unknown as Record<string, unknown>
  const rb = b as unknown as Record<string, unknown>
  const keys = Object.keys(ra)
  return (
    keys.length === Object.keys(rb).length &&
    keys.every((k) => {
      const x = ra[k]
      const y = rb[k]
      return x instanceof Uint8Array && y instanceof Uint8Array ? sameBytes(x, y) : Object.is(x, y)
    })
  )
}

const decodeOk = (bytes: Uint8Array): CoreMessage => {
  const result = coreCodec.decode(bytes)
  if (!result.ok) throw new Error(`${result.reason.code}: ${result.reason.detail}`)
  return result.value
}

describe('coreCodec', () => {
  it('round-trips every valid update and join', () => {
    fc.assert(
      fc.property(fc.oneof(updateArb, joinArb), (message) =>
        sameMessage(decodeOk(coreCodec.encode(message)), message),
      ),
      { numRuns: 2000 },
    )
  })

  it('lays out an update exactly as the golden bytes (field order is the wire format)', () => {
    const expected =
      '06757064617465' + // text "update"
      '01' + // v
      '056d6e697374' + // job "mnist"
      'ac02' + // height 300
      '11'.repeat(32) + // node
      '22'.repeat(32) + // base
      '8005' + // samples 640
      '0000003f' + // trainLoss 0.5 (f32 LE)
      '33'.repeat(32) + // payloadHash
      'e807' // payloadBytes 1000
    expect(bytesToHex(coreCodec.encode(GOLDEN_UPDATE))).toBe(expected)
  })

  it('decodes any byte string to a message or a reason, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const result = coreCodec.decode(bytes)
        return result.ok || /^[a-z-]+$/.test(result.reason.code)
      }),
      { numRuns: 5000 },
    )
  })

  it('is canonical: whatever decodes re-encodes to the same bytes', () => {
    const valid = fc.oneof(updateArb, joinArb).map((m) => coreCodec.encode(m))
    const mutated = fc
      .tuple(valid, fc.nat(), fc.integer({ min: 1, max: 255 }))
      .map(([bytes, at, mask]) => {
        const out = bytes.slice()
        const i = at % out.length
        out[i] = (out[i] ?? 0) ^ mask
        return out
      })
    fc.assert(
      fc.property(mutated, (bytes) => {
        const result = coreCodec.decode(bytes)
        return !result.ok || sameBytes(coreCodec.encode(result.value), bytes)
      }),
      { numRuns: 2000 },
    )
  })

  it('names the reason for an unknown type, an unsupported version and trailing bytes', () => {
    const bytes = coreCodec.encode(GOLDEN_UPDATE)
    const unknown = new ByteWriter().text('vote').varuint(1).finish()
    const v2 = bytes.slice()
    v2[7] = 2
    const trailing = new Uint8Array([...bytes, 0])
    expect(coreCodec.decode(unknown)).toMatchObject({ ok: false, reason: { code: 'unknown-type' } })
    expect(coreCodec.decode(v2)).toMatchObject({
      ok: false,
      reason: { code: 'unsupported-version' },
    })
    expect(coreCodec.decode(trailing)).toMatchObject({ ok: false, reason: { code: 'malformed' } })
    expect(coreCodec.decode(bytes.subarray(0, 40))).toMatchObject({
      ok: false,
      reason: { code: 'malformed' },
    })
  })

  it('refuses field values out of range: zero samples, a non-finite loss, a bad job id', () => {
    const at = (m: UpdateMessage) => {
      const r = coreCodec.decode(encodeUnchecked(m))
      return r.ok ? 'ok' : r.reason.detail
    }
    expect(at({ ...GOLDEN_UPDATE, samples: 0 })).toMatch(/^update\.samples/)
    expect(at({ ...GOLDEN_UPDATE, trainLoss: Infinity })).toMatch(/^update\.trainLoss/)
    expect(at({ ...GOLDEN_UPDATE, job: 'Not A Job' as JobId })).toMatch(/^update\.job/)
    expect(at({ ...GOLDEN_UPDATE, payloadBytes: 0 })).toMatch(/^update\.payloadBytes/)
  })

  it('refuses bodies over the size limit before reading them', () => {
    const result = coreCodec.decode(new Uint8Array(MAX_BODY_BYTES + 1))
    expect(result).toMatchObject({ ok: false, reason: { code: 'too-large' } })
  })

  it('throws EncodeError when asked to encode an invalid message', () => {
    const bad = [
      { ...GOLDEN_UPDATE, samples: 1.5 },
      { ...GOLDEN_UPDATE, trainLoss: 0.1 },
      { ...GOLDEN_UPDATE, node: 'AB'.repeat(32) as NodeId },
      { ...GOLDEN_UPDATE, v: 2 as 1 },
    ]
    for (const m of bad) expect(() => coreCodec.encode(m)).toThrow(/update/)
  })

  it('builds updates with the loss rounded to float32', () => {
    const m = updateMessage({ ...GOLDEN_UPDATE, trainLoss: 0.1 })
    expect(m.trainLoss).toBe(Math.fround(0.1))
    expect(decodeOk(coreCodec.encode(m))).toEqual(m)
  })
})

describe('createCodec', () => {
  interface Ping {
    readonly type: 'ping'
    readonly v: 1
    readonly job: JobId
    readonly height: Height
    readonly node: NodeId
    readonly round: number
    readonly ok: boolean
    readonly amounts: readonly bigint[]
  }

  it('extends the core messages with new types that share the base fields', () => {
    const codec = createCodec<CoreMessage | Ping>({
      ...CORE_SCHEMAS,
      ping: {
        type: 'ping',
        version: 1,
        fields: {
          round: fields.uint(0, 1000),
          ok: fields.bool,
          amounts: fields.list(fields.biguint(), 4),
        },
      },
    })
    const ping: Ping = {
      type: 'ping',
      v: 1,
      job: 'j' as JobId,
      height: 1 as Height,
      node: GOLDEN_UPDATE.node,
      round: 7,
      ok: true,
      amounts: [0n, 10n ** 20n],
    }
    expect(codec.types).toEqual(['update', 'join', 'leave', 'ping'])
    expect(codec.decode(codec.encode(ping))).toEqual({ ok: true, value: ping })
    expect(codec.decode(codec.encode(GOLDEN_UPDATE))).toEqual({ ok: true, value: GOLDEN_UPDATE })
  })
})

// Encodes field by field without the encoder's validation, to produce invalid bodies.
function encodeUnchecked(m: UpdateMessage): Uint8Array {
  const w = new ByteWriter().text(m.type).varuint(m.v).text(m.job).varuint(m.height)
  w.raw(hexBytes(m.node)).raw(hexBytes(m.base)).varuint(m.samples)
  const f = new DataView(new ArrayBuffer(4))
  f.setFloat32(0, m.trainLoss, true)
  w.raw(new Uint8Array(f.buffer)).raw(hexBytes(m.payloadHash)).varuint(m.payloadBytes)
  return w.finish()
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))
}
