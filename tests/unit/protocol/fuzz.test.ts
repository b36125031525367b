/**
 * Fuzzing the edge: 100,000 random and mutated byte strings through `openMessage` (envelope
 * decoder, body codec, signer and signature checks). None may throw and every one must be
 * refused with a reason; the unmutated originals must open.
 */
import { describe, expect, it } from 'vitest'
import type { CoreMessage, OpenOptions, RejectCode } from '../../../shared/protocol/index.ts'
import {
  ByteWriter,
  coreCodec,
  encodeEnvelope,
  ENVELOPE_VERSION,
  openMessage,
  ReplayGuard,
  sealMessage,
} from '../../../shared/protocol/index.ts'
import type { Height, JobId, NodeId, PeerIdString } from '../../../shared/types/index.ts'
import { sampleUpdate, testIdentity } from './arbitraries.ts'

const JOB = 'fuzz-job' as JobId
const RANDOM = 70_000
const MUTANTS = 30_000

// xorshift32: a fixed seed makes every run check the same 100,000 inputs.
function rng(seed: number) {
  let s = seed >>> 0 || 1
  const next = () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s
  }
  return {
    int: (n: number) => next() % n,
    bytes: (n: number) => {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) out[i] = next() & 0xff
      return out
    },
  }
}

function corpus() {
  const alice = testIdentity(11)
  const joiner = testIdentity(12)
  const keys = new Map<NodeId, Uint8Array>([[alice.nodeId, alice.publicKey]])
  const join: CoreMessage = {
    type: 'join',
    v: 1,
    job: JOB,
    height: 3 as Height,
    node: joiner.nodeId,
    peer: `12D3KooW${'z'.repeat(44)}` as PeerIdString,
    kemPublicKey: joiner.kemPublicKey,
  }
  const sealed = [
    sealMessage(coreCodec, alice, sampleUpdate(alice, JOB, 3)),
    sealMessage(coreCodec, alice, sampleUpdate(alice, JOB, 4), { signer: 'key' }),
    sealMessage(coreCodec, joiner, join, { signer: 'key' }),
  ]
  const options: OpenOptions<CoreMessage> = {
    codec: coreCodec,
    job: JOB,
    keys: (node) => keys.get(node),
    guard: new ReplayGuard({ job: JOB, height: 3 as Height }),
  }
  return { sealed, options, signer: alice.nodeId }
}

// Mutation operators over a valid envelope. In-place changes pick a region first (header,
// signer, signature, body) so the decoders are hit more often than the signature check.
function mutate(bytes: Uint8Array, r: ReturnType<typeof rng>, other: Uint8Array): Uint8Array {
  const n = bytes.length
  const sigStart = bytes[1] === 2 && bytes[2] === 0x69 ? 35 : 1956
  const regions: [number, number][] = [
    [0, 4],
    [4, sigStart],
    [sigStart, sigStart + 3309],
    [sigStart + 3309, n],
  ]
  // Weights 6:6:1:3 of 16: a changed signature or hash field only reaches ML-DSA verification
  // (about 2 ms a call, covered by the seal tests); the parsers are where malformed input hurts.
  const pick = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3][r.int(16)] ?? 0
  const [from, to] = regions[pick] ?? [0, n]
  const at = from + r.int(Math.max(1, to - from))
  const out = bytes.slice()
  switch (r.int(8)) {
    case 0: // flip one bit
      out[at] = (out[at] ?? 0) ^ (1 << r.int(8))
      return out
    case 1: // set a byte to a random or boundary value
      out[at] = [0, 0x7f, 0x80, 0xff, r.int(256)][r.int(5)] ?? 0
      return out
    case 2: // truncate
      return bytes.subarray(0, r.int(n))
    case 3: // append garbage
      return concat(bytes, r.bytes(1 + r.int(16)))
    case 4: // insert a byte
      return concat(bytes.subarray(0, at), Uint8Array.of(r.int(256)), bytes.subarray(at))
    case 5: // delete a byte
      return concat(bytes.subarray(0, at), bytes.subarray(at + 1))
    case 6: // splice the head of one message onto the tail of another
      return concat(bytes.subarray(0, at), other.subarray(at))
    default: // overwrite a run with random bytes
      out.set(r.bytes(Math.min(8, n - at)), at)
      return out
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

// Random inputs of three depths: raw bytes; bytes behind a valid envelope prefix; a well-formed
// envelope whose body starts with a valid message type and version and continues at random.
function randomInput(kind: number, r: ReturnType<typeof rng>, signer: NodeId): Uint8Array {
  if (kind === 0) return r.bytes(r.int(r.int(2) === 0 ? 64 : 6000))
  if (kind === 1) {
    const bytes = r.bytes(4 + r.int(4000))
    bytes.set([ENVELOPE_VERSION, 2, 0x69, 0x64])
    return bytes
  }
  const type = r.int(2) === 0 ? 'update' : 'join'
  const head = new ByteWriter().text(type).varuint(1).finish()
  const tail = r.bytes(r.int(type === 'update' ? 200 : 1300))
  return encodeEnvelope({
    signer: { type: 'id', node: signer },
    signature: r.bytes(3309),
    body: concat(head, tail),
  })
}

describe('openMessage under fuzzing', () => {
  it('opens the originals, then refuses 100,000 random and mutated inputs without throwing', () => {
    const { sealed, options, signer } = corpus()
    for (const s of sealed) expect(openMessage(s, options).ok).toBe(true)

    const r = rng(0x5eed)
    const counts = new Map<RejectCode, number>()
    const accepted: Uint8Array[] = []
    const refuse = (bytes: Uint8Array) => {
      const result = openMessage(bytes, options)
      if (result.ok || result.reason.detail.length === 0) accepted.push(bytes)
      else counts.set(result.reason.code, (counts.get(result.reason.code) ?? 0) + 1)
    }
    for (let i = 0; i < RANDOM; i++) refuse(randomInput(i % 3, r, signer))
    for (let i = 0; i < MUTANTS; i++) {
      const base = sealed[i % sealed.length] ?? new Uint8Array(0)
      const other = sealed[(i + 1) % sealed.length] ?? base
      refuse(mutate(base, r, other))
    }
    expect(accepted).toEqual([])
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(RANDOM + MUTANTS)
    // Each layer is reached: the envelope, the body codec and the signature check.
    for (const code of ['malformed', 'bad-signature', 'duplicate'] as const) {
      expect(counts.get(code) ?? 0).toBeGreaterThan(100)
    }
  })
})
