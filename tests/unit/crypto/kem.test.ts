import { describe, expect, it } from 'vitest'
import { decapsulateFrom, encapsulateTo, generateIdentity } from '../../../shared/crypto/index.ts'
import type { JobId } from '../../../shared/types/index.ts'

describe('ML-KEM key agreement', () => {
  const alice = generateIdentity()
  const bob = generateIdentity()
  const binding = { job: 'job-a' as JobId, from: alice.nodeId, to: bob.nodeId }

  it('gives both ends the same 32-byte key', () => {
    const sent = encapsulateTo(bob.kemPublicKey, binding)
    if (!sent.ok) throw new Error(sent.reason)
    const received = decapsulateFrom(bob, sent.value.cipherText, binding)
    expect(received).toEqual({ ok: true, value: sent.value.key })
    expect(sent.value.key.length).toBe(32)
  })

  it('derives a different key under another binding or for another recipient', () => {
    const sent = encapsulateTo(bob.kemPublicKey, binding)
    if (!sent.ok) throw new Error(sent.reason)
    const otherJob = decapsulateFrom(bob, sent.value.cipherText, {
      ...binding,
      job: 'job-b' as JobId,
    })
    const wrongRecipient = decapsulateFrom(alice, sent.value.cipherText, binding)
    expect(otherJob.ok && otherJob.value).not.toEqual(sent.value.key)
    expect(wrongRecipient.ok && wrongRecipient.value).not.toEqual(sent.value.key)
  })

  it('rejects keys and ciphertexts of the wrong length with a reason', () => {
    expect(encapsulateTo(new Uint8Array(5), binding)).toMatchObject({ ok: false })
    expect(decapsulateFrom(bob, new Uint8Array(5), binding)).toMatchObject({ ok: false })
  })

  it('rejects a public key that fails the modulus check', () => {
    expect(encapsulateTo(new Uint8Array(1184).fill(0xff), binding)).toMatchObject({ ok: false })
  })
})
