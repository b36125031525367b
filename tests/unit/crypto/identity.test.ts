import { describe, expect, it } from 'vitest'
import {
  deserializeIdentity,
  generateIdentity,
  identityFromSeeds,
  ML_DSA_65_PUBLIC_KEY_BYTES,
  ML_KEM_768_PUBLIC_KEY_BYTES,
  nodeIdOf,
  publicIdentity,
  serializeIdentity,
} from '../../../shared/crypto/index.ts'
import { asNodeId } from '../../../shared/types/index.ts'

const seeded = (fill: number) => (length: number) => new Uint8Array(length).fill(fill)

describe('identity', () => {
  it('has a node id that is the hex SHA-256 of its ML-DSA public key', () => {
    const identity = generateIdentity()
    expect(asNodeId(identity.nodeId).ok).toBe(true)
    expect(identity.nodeId).toBe(nodeIdOf(identity.publicKey))
    expect(identity.publicKey.length).toBe(ML_DSA_65_PUBLIC_KEY_BYTES)
    expect(identity.kemPublicKey.length).toBe(ML_KEM_768_PUBLIC_KEY_BYTES)
  })

  it('derives the same keys from the same seeds and different keys from different seeds', () => {
    const a = generateIdentity(seeded(1))
    const b = identityFromSeeds(new Uint8Array(32).fill(1), new Uint8Array(64).fill(1))
    const c = generateIdentity(seeded(2))
    expect(b.publicKey).toEqual(a.publicKey)
    expect(b.kemPublicKey).toEqual(a.kemPublicKey)
    expect(c.nodeId).not.toBe(a.nodeId)
  })

  it('round-trips through its serialized form', () => {
    const identity = generateIdentity()
    const bytes = serializeIdentity(identity)
    expect(bytes.length).toBe(105)
    const back = deserializeIdentity(bytes)
    expect(back.ok && back.value.nodeId).toBe(identity.nodeId)
    expect(back.ok && back.value.secretKey).toEqual(identity.secretKey)
    expect(back.ok && back.value.kemSecretKey).toEqual(identity.kemSecretKey)
  })

  it('rejects serialized forms with a wrong length, magic or version', () => {
    const bytes = serializeIdentity(generateIdentity(seeded(3)))
    const badMagic = bytes.slice()
    badMagic[0] = (badMagic[0] ?? 0) ^ 1
    const badVersion = bytes.slice()
    badVersion[8] = 2
    expect(deserializeIdentity(bytes.subarray(1))).toMatchObject({ ok: false })
    const reasonOf = (r: ReturnType<typeof deserializeIdentity>) => (r.ok ? '' : r.reason)
    expect(reasonOf(deserializeIdentity(badMagic))).toMatch(/not a serialized/)
    expect(reasonOf(deserializeIdentity(badVersion))).toMatch(/version/)
  })

  it('rejects seeds of the wrong length', () => {
    expect(() => identityFromSeeds(new Uint8Array(31), new Uint8Array(64))).toThrow(
      expect.objectContaining({ name: 'KeyMaterialError' }),
    )
  })

  it('exposes no secret in its public part', () => {
    const pub = publicIdentity(generateIdentity(seeded(4)))
    expect(Object.keys(pub).sort()).toEqual(['kemPublicKey', 'nodeId', 'publicKey'])
  })
})
