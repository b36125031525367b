import { describe, expect, it } from 'vitest'
import { signBytes, signingContext } from '../../../shared/crypto/index.ts'
import type { CoreMessage, OpenOptions } from '../../../shared/protocol/index.ts'
import {
  coreCodec,
  decodeEnvelope,
  encodeEnvelope,
  openMessage,
  ReplayGuard,
  sealMessage,
} from '../../../shared/protocol/index.ts'
import type { Height, JobId, NodeId, PeerIdString } from '../../../shared/types/index.ts'
import { flip, sampleUpdate, testIdentity } from './arbitraries.ts'

const JOB = 'job-a' as JobId

function setup() {
  const alice = testIdentity(1)
  const mallory = testIdentity(2)
  const keys = new Map<NodeId, Uint8Array>([
    [alice.nodeId, alice.publicKey],
    [mallory.nodeId, mallory.publicKey],
  ])
  const guard = new ReplayGuard({ job: JOB, height: 5 as Height })
  const options: OpenOptions<CoreMessage> = {
    codec: coreCodec,
    job: JOB,
    keys: (node) => keys.get(node),
    guard,
  }
  const update = sampleUpdate(alice, JOB, 5)
  const sealed = sealMessage(coreCodec, alice, update)
  return { alice, mallory, keys, guard, options, update, sealed }
}

const codeOf = (r: ReturnType<typeof openMessage>) => (r.ok ? 'ok' : r.reason.code)

describe('sealMessage and openMessage', () => {
  it('open a sealed update to the same message, its hash and the signer key', () => {
    const { alice, options, update, sealed } = setup()
    const opened = openMessage(sealed, options)
    if (!opened.ok) throw new Error(opened.reason.detail)
    expect(opened.value.message).toEqual(update)
    expect(opened.value.publicKey).toEqual(alice.publicKey)
    expect(opened.value.messageHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reject a tampered byte anywhere in the envelope', () => {
    const { options, sealed } = setup()
    // Positions: version, signer type, node id, signature, body length, body fields, last byte.
    for (const at of [0, 2, 10, 40, 1000, 3345, 3350, 3400, sealed.length - 1]) {
      const result = openMessage(flip(sealed, at, 0x04), options)
      expect(result.ok, `byte ${at}`).toBe(false)
    }
  })

  it('reject a body with a changed field as a bad signature', () => {
    const { alice, options, update } = setup()
    const sealed = sealMessage(coreCodec, alice, update)
    const envelope = decodeEnvelope(sealed)
    if (!envelope.ok) throw new Error('envelope')
    const forged = coreCodec.encode({ ...update, samples: update.samples * 100 })
    const bytes = encodeEnvelope({ ...envelope.value, body: forged })
    expect(codeOf(openMessage(bytes, options))).toBe('bad-signature')
  })

  it('reject a signature made under another context: another kind or another job', () => {
    const { alice, options, update } = setup()
    const body = coreCodec.encode(update)
    for (const context of [signingContext(JOB, 'join'), signingContext('job-b', 'update')]) {
      const signature = signBytes(alice, body, context)
      const bytes = encodeEnvelope({ signer: { type: 'id', node: alice.nodeId }, signature, body })
      expect(codeOf(openMessage(bytes, options))).toBe('bad-signature')
    }
  })

  it('reject a message for another job before checking its signature', () => {
    const { alice, options } = setup()
    const sealed = sealMessage(coreCodec, alice, sampleUpdate(alice, 'job-b', 5))
    expect(codeOf(openMessage(sealed, options))).toBe('wrong-job')
  })

  it('reject the wrong key: a signature by another node or a key that is not the sender', () => {
    const { alice, mallory, options, update } = setup()
    const body = coreCodec.encode(update)
    const signature = signBytes(mallory, body, signingContext(JOB, 'update'))
    const claimed = encodeEnvelope({ signer: { type: 'id', node: alice.nodeId }, signature, body })
    const ownKey = encodeEnvelope({
      signer: { type: 'key', publicKey: mallory.publicKey },
      signature,
      body,
    })
    expect(codeOf(openMessage(claimed, options))).toBe('bad-signature')
    expect(codeOf(openMessage(ownKey, options))).toBe('bad-signer')
    expect(codeOf(openMessage(claimed, { ...options, keys: () => mallory.publicKey }))).toBe(
      'bad-signer',
    )
  })

  it('reject a message from a node whose key is unknown unless it carries its key', () => {
    const { options } = setup()
    const stranger = testIdentity(3)
    const update = sampleUpdate(stranger, JOB, 5)
    const byId = sealMessage(coreCodec, stranger, update)
    const byKey = sealMessage(coreCodec, stranger, update, { signer: 'key' })
    expect(codeOf(openMessage(byId, options))).toBe('unknown-signer')
    expect(codeOf(openMessage(byKey, options))).toBe('ok')
  })

  it('reject a replayed message, and the same message signed again, as duplicates', () => {
    const { alice, options, update, sealed } = setup()
    expect(codeOf(openMessage(sealed, options))).toBe('ok')
    expect(codeOf(openMessage(sealed, options))).toBe('duplicate')
    const resigned = sealMessage(coreCodec, alice, update, { signer: 'key' })
    expect(resigned).not.toEqual(sealed)
    expect(codeOf(openMessage(resigned, options))).toBe('duplicate')
  })

  it('report a second, different update at the same height as a conflict naming the first', () => {
    const { alice, options, update, sealed } = setup()
    const first = openMessage(sealed, options)
    const second = openMessage(sealMessage(coreCodec, alice, { ...update, samples: 1 }), options)
    expect(second.ok).toBe(false)
    if (second.ok || !first.ok) return
    expect(second.reason.code).toBe('conflict')
    expect(second.reason.conflictsWith).toBe(first.value.messageHash)
  })

  it('reject replays of old heights once the guard moved on', () => {
    const { alice, guard, options } = setup()
    const old = sealMessage(coreCodec, alice, sampleUpdate(alice, JOB, 4))
    guard.advanceTo(10 as Height)
    expect(codeOf(openMessage(old, options))).toBe('stale')
  })

  it('does not record a forged message, so the genuine one still opens', () => {
    const { alice, mallory, options, update } = setup()
    const body = coreCodec.encode(update)
    const forged = encodeEnvelope({
      signer: { type: 'id', node: alice.nodeId },
      signature: signBytes(mallory, body, signingContext(JOB, 'update')),
      body,
    })
    expect(codeOf(openMessage(forged, options))).toBe('bad-signature')
    expect(codeOf(openMessage(sealMessage(coreCodec, alice, update), options))).toBe('ok')
  })

  it('opens a join sealed with its key and binds it to a peer id', () => {
    const { options } = setup()
    const joiner = testIdentity(4)
    const join: CoreMessage = {
      type: 'join',
      v: 1,
      job: JOB,
      height: 5 as Height,
      node: joiner.nodeId,
      peer: `12D3KooW${'A'.repeat(44)}` as PeerIdString,
      kemPublicKey: joiner.kemPublicKey,
    }
    const opened = openMessage(sealMessage(coreCodec, joiner, join, { signer: 'key' }), options)
    expect(opened.ok && opened.value.message).toEqual(join)
    expect(opened.ok && opened.value.publicKey).toEqual(joiner.publicKey)
  })

  it('refuses to seal a message on behalf of another node', () => {
    const { alice, mallory } = setup()
    expect(() => sealMessage(coreCodec, mallory, sampleUpdate(alice, JOB, 5))).toThrow(
      expect.objectContaining({ name: 'EncodeError' }),
    )
  })
})

describe('decodeEnvelope', () => {
  it('refuses an unknown version, an unknown signer type and trailing bytes', () => {
    const { sealed } = setup()
    expect(decodeEnvelope(flip(sealed, 0, 0x02))).toMatchObject({
      ok: false,
      reason: { code: 'unsupported-version' },
    })
    expect(decodeEnvelope(flip(sealed, 2, 0x20))).toMatchObject({
      ok: false,
      reason: { code: 'malformed' },
    })
    expect(decodeEnvelope(new Uint8Array([...sealed, 1]))).toMatchObject({
      ok: false,
      reason: { code: 'malformed' },
    })
  })
})
