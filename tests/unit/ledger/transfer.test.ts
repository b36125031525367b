import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { identityFromSeeds } from '../../../shared/crypto/index.ts'
import type { TransferMessage } from '../../../shared/ledger/index.ts'
import {
  MAX_LEDGER_INTEGER,
  MAX_TRANSFER_AMOUNT,
  openTransfer,
  sealTransfer,
  transferCodec,
  transferMessage,
} from '../../../shared/ledger/index.ts'
import {
  coreCodec,
  decodeEnvelope,
  encodeEnvelope,
  ReplayGuard,
} from '../../../shared/protocol/index.ts'
import type { Height, JobId, NodeId, TokenAmount } from '../../../shared/types/index.ts'
import { B, nodeOf } from './fixtures.ts'

const JOB = 'ledger-job' as JobId

function setup() {
  const alice = identityFromSeeds(new Uint8Array(32).fill(7), new Uint8Array(64).fill(7))
  const message = transferMessage({
    job: JOB,
    height: 4 as Height,
    node: alice.nodeId,
    to: B,
    amount: 1_500_000n as TokenAmount,
    nonce: 3n,
  })
  const keys = new Map<NodeId, Uint8Array>([[alice.nodeId, alice.publicKey]])
  const guard = new ReplayGuard({ job: JOB, height: 4 as Height })
  const options = { job: JOB, keys: (n: NodeId) => keys.get(n), guard }
  return { alice, message, options, sealed: sealTransfer(alice, message) }
}

const transferArb: fc.Arbitrary<TransferMessage> = fc.record({
  type: fc.constant('transfer' as const),
  v: fc.constant(1 as const),
  job: fc.constant(JOB),
  height: fc.nat({ max: Number.MAX_SAFE_INTEGER }).map((h) => h as Height),
  node: fc.integer({ min: 0, max: 255 }).map(nodeOf),
  to: fc.integer({ min: 0, max: 255 }).map(nodeOf),
  amount: fc.bigInt({ min: 1n, max: MAX_TRANSFER_AMOUNT }).map((a) => a as TokenAmount),
  nonce: fc.bigInt({ min: 0n, max: MAX_LEDGER_INTEGER }),
})

describe('transferCodec', () => {
  it('round-trip every valid transfer through its canonical bytes', () => {
    fc.assert(
      fc.property(transferArb, (message) => {
        const bytes = transferCodec.encode(message)
        expect(transferCodec.decode(bytes)).toEqual({ ok: true, value: message })
      }),
    )
  })

  it('refuse to encode an amount of zero, over the cap, or a negative nonce', () => {
    const { message } = setup()
    for (const bad of [
      { ...message, amount: 0n as TokenAmount },
      { ...message, amount: (MAX_TRANSFER_AMOUNT + 1n) as TokenAmount },
      { ...message, nonce: -1n },
      { ...message, nonce: MAX_LEDGER_INTEGER + 1n },
      { ...message, amount: 5 as unknown as TokenAmount },
    ]) {
      expect(() => transferCodec.encode(bad)).toThrow(/transfer\.(amount|nonce)/)
    }
  })

  it('refuse to decode an amount of zero', () => {
    const { message } = setup()
    const bytes = transferCodec.encode({ ...message, amount: 1n as TokenAmount })
    // The amount is the second-to-last field: `…‖ amount (1 byte: 0x01) ‖ nonce (1 byte)`.
    const zeroed = bytes.slice()
    zeroed[zeroed.length - 2] = 0
    const decoded = transferCodec.decode(zeroed)
    expect(decoded.ok ? 'ok' : decoded.reason.detail).toMatch(/transfer\.amount/)
  })

  it('never throw on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(typeof transferCodec.decode(bytes).ok).toBe('boolean')
      }),
    )
  })
})

describe('sealTransfer and openTransfer', () => {
  it('open a sealed transfer to the same message from the same signer', () => {
    const { alice, message, options, sealed } = setup()
    const opened = openTransfer(sealed, options)
    if (!opened.ok) throw new Error(opened.reason.detail)
    expect(opened.value.message).toEqual(message)
    expect(opened.value.publicKey).toEqual(alice.publicKey)
  })

  it('reject a tampered byte in the signature or the body', () => {
    const { options, sealed } = setup()
    for (const at of [40, 1000, sealed.length - 12, sealed.length - 2, sealed.length - 1]) {
      const tampered = sealed.slice()
      tampered[at] = (tampered[at] ?? 0) ^ 0x01
      const opened = openTransfer(tampered, options)
      expect(opened.ok, `byte ${at}`).toBe(false)
    }
  })

  it('reject a re-signed body whose amount was changed', () => {
    const { alice, message, options, sealed } = setup()
    const other = sealTransfer(alice, { ...message, amount: 9_000_000n as TokenAmount })
    const envelope = decodeEnvelope(sealed)
    const forged = decodeEnvelope(other)
    if (!envelope.ok || !forged.ok) throw new Error('envelopes must decode')
    // The new body under the old signature: the signature no longer matches.
    const spliced = encodeEnvelope({ ...envelope.value, body: forged.value.body })
    const opened = openTransfer(spliced, options)
    expect(opened.ok ? 'ok' : opened.reason.code).toBe('bad-signature')
  })

  it('reject a replay, another job, and a transfer signed for another message kind', () => {
    const { alice, message, options, sealed } = setup()
    expect(openTransfer(sealed, options).ok).toBe(true)
    const replay = openTransfer(sealed, options)
    expect(replay.ok ? 'ok' : replay.reason.code).toBe('duplicate')
    const elsewhere = openTransfer(sealed, {
      ...options,
      job: 'other-job' as JobId,
      guard: undefined,
    })
    expect(elsewhere.ok ? 'ok' : elsewhere.reason.code).toBe('wrong-job')
    const asCore = coreCodec.decode(transferCodec.encode(message))
    expect(asCore.ok ? 'ok' : asCore.reason.code).toBe('unknown-type')
    expect(alice.nodeId).toBe(message.node)
  })
})
