import { describe, expect, it } from 'vitest'
import {
  generateIdentity,
  signBytes,
  signingContext,
  verifyBytes,
} from '../../../shared/crypto/index.ts'

describe('signBytes and verifyBytes', () => {
  const identity = generateIdentity()
  const other = generateIdentity()
  const context = signingContext('job-a', 'update')
  const message = new Uint8Array(300).map((_, i) => i * 7)
  const signature = signBytes(identity, message, context)

  it('accepts a signature over the exact bytes with the same context and key', () => {
    expect(verifyBytes(identity.publicKey, message, signature, context)).toBe(true)
  })

  it('rejects a message with one byte changed', () => {
    for (const at of [0, 150, 299]) {
      const tampered = message.slice()
      tampered[at] = (tampered[at] ?? 0) ^ 1
      expect(verifyBytes(identity.publicKey, tampered, signature, context)).toBe(false)
    }
  })

  it('rejects a signature with one byte changed', () => {
    const tampered = signature.slice()
    tampered[100] = (tampered[100] ?? 0) ^ 0x40
    expect(verifyBytes(identity.publicKey, message, tampered, context)).toBe(false)
  })

  it('rejects a context naming another job or another kind', () => {
    expect(
      verifyBytes(identity.publicKey, message, signature, signingContext('job-b', 'update')),
    ).toBe(false)
    expect(
      verifyBytes(identity.publicKey, message, signature, signingContext('job-a', 'join')),
    ).toBe(false)
  })

  it('rejects the wrong public key', () => {
    expect(verifyBytes(other.publicKey, message, signature, context)).toBe(false)
  })

  it('returns false rather than throwing on malformed keys and signatures', () => {
    expect(verifyBytes(new Uint8Array(10), message, signature, context)).toBe(false)
    expect(verifyBytes(identity.publicKey, message, signature.subarray(1), context)).toBe(false)
    expect(verifyBytes(new Uint8Array(1952).fill(0xff), message, signature, context)).toBe(false)
  })

  it('signs the same message twice with different bytes, both valid', () => {
    const again = signBytes(identity, message, context)
    expect(again).not.toEqual(signature)
    expect(verifyBytes(identity.publicKey, message, again, context)).toBe(true)
  })
})

describe('signingContext', () => {
  it('names the protocol version, the job and the kind', () => {
    expect(new TextDecoder().decode(signingContext('abc', 'update'))).toBe('swarm/v1/abc/update')
  })

  it('rejects an invalid job id or kind', () => {
    expect(() => signingContext('Bad Job', 'update')).toThrow(
      expect.objectContaining({ name: 'SigningContextError' }),
    )
    expect(() => signingContext('job', 'Up/date')).toThrow(
      expect.objectContaining({ name: 'SigningContextError' }),
    )
  })
})
