/** fast-check arbitraries and fixtures for protocol tests. */
import fc from 'fast-check'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { Identity } from '../../../shared/crypto/index.ts'
import { identityFromSeeds } from '../../../shared/crypto/index.ts'
import type { JoinMessage, UpdateMessage } from '../../../shared/protocol/index.ts'
import { MAX_PAYLOAD_BYTES } from '../../../shared/protocol/index.ts'
import type { HashHex, Height, JobId, NodeId, PeerIdString } from '../../../shared/types/index.ts'

export const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHex(b))
export const nodeIdArb = hex32.map((h) => h as NodeId)
export const hashArb = hex32.map((h) => h as HashHex)
export const jobIdArb = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,63}$/).map((s) => s as JobId)
export const heightArb = fc.nat({ max: Number.MAX_SAFE_INTEGER }).map((h) => h as Height)
export const peerIdArb = fc
  .stringMatching(/^12D3Koo[1-9A-HJ-NP-Za-km-z]{44}$/)
  .map((s) => s as PeerIdString)

export const updateArb: fc.Arbitrary<UpdateMessage> = fc.record({
  type: fc.constant('update' as const),
  v: fc.constant(1 as const),
  job: jobIdArb,
  height: heightArb,
  node: nodeIdArb,
  base: hashArb,
  samples: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  trainLoss: fc.float({ noNaN: true, noDefaultInfinity: true }),
  payloadHash: hashArb,
  payloadBytes: fc.integer({ min: 1, max: MAX_PAYLOAD_BYTES }),
})

export const joinArb: fc.Arbitrary<JoinMessage> = fc.record({
  type: fc.constant('join' as const),
  v: fc.constant(1 as const),
  job: jobIdArb,
  height: heightArb,
  node: nodeIdArb,
  peer: peerIdArb,
  // 1184 random bytes per run would dominate the test; a random 16-byte pattern, repeated,
  // exercises the fixed-length field just as well.
  kemPublicKey: fc
    .uint8Array({ minLength: 16, maxLength: 16 })
    .map((seed) => Uint8Array.from({ length: 1184 }, (_, i) => seed[i % 16] ?? 0)),
})

/** A deterministic identity from one seed byte. */
export function testIdentity(seed: number): Identity {
  return identityFromSeeds(new Uint8Array(32).fill(seed), new Uint8Array(64).fill(seed))
}

/** A valid update header from `identity` for `job` at `height`. */
export function sampleUpdate(identity: Identity, job: string, height: number): UpdateMessage {
  return {
    type: 'update',
    v: 1,
    job: job as JobId,
    height: height as Height,
    node: identity.nodeId,
    base: 'ab'.repeat(32) as HashHex,
    samples: 640,
    trainLoss: Math.fround(0.25),
    payloadHash: 'cd'.repeat(32) as HashHex,
    payloadBytes: 1_003_920,
  }
}

/** Flips the bits of `mask` in byte `at` of a copy of `bytes`. */
export function flip(bytes: Uint8Array, at: number, mask = 1): Uint8Array {
  const out = bytes.slice()
  out[at] = (out[at] ?? 0) ^ mask
  return out
}
