import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LedgerState } from '../../../shared/ledger/index.ts'
import {
  applyHeight,
  createLedger,
  decodeLedger,
  encodeLedger,
  LEDGER_STATE_TAG,
  LEDGER_STATE_VERSION,
  LedgerInvariantError,
  ledgerHash,
  MAX_LEDGER_INTEGER,
} from '../../../shared/ledger/index.ts'
import { ByteWriter } from '../../../shared/protocol/index.ts'
import type { Height, NodeId, TokenAmount } from '../../../shared/types/index.ts'
import { A, B, C, micro, outcome, PARAMS, transfer } from './fixtures.ts'

function setup(): { state: LedgerState } {
  const genesis = createLedger([
    { node: B, amount: micro(2_000_000) },
    { node: A, amount: micro(300) },
  ])
  const { state } = applyHeight(
    genesis,
    PARAMS,
    outcome(genesis, { proposer: C, slashed: [B], transfers: [transfer(A, C, 100n, 0n)] }),
  )
  return { state }
}

interface RawAccount {
  node: string
  balance: bigint
  nonce: bigint
}

// Hand-built encodings, to check that the decoder refuses what the encoder never writes.
function raw(
  accounts: RawAccount[],
  totals: { minted?: bigint; burned?: bigint; version?: number; tag?: string } = {},
): Uint8Array {
  const minted = totals.minted ?? accounts.reduce((s, a) => s + a.balance, 0n)
  const w = new ByteWriter()
  w.text(totals.tag ?? LEDGER_STATE_TAG).varuint(totals.version ?? LEDGER_STATE_VERSION)
  w.varuint(3)
    .bigvaruint(minted)
    .bigvaruint(totals.burned ?? 0n)
    .varuint(accounts.length)
  for (const a of accounts)
    w.raw(Uint8Array.from(Buffer.from(a.node, 'hex')))
      .bigvaruint(a.balance)
      .bigvaruint(a.nonce)
  return w.finish()
}

const reasonOf = (bytes: Uint8Array) => {
  const decoded = decodeLedger(bytes)
  return decoded.ok ? 'ok' : decoded.reason
}

describe('encodeLedger', () => {
  it('write the pinned canonical bytes', () => {
    const { state } = setup()
    // tag ‖ v1 ‖ height 1 ‖ minted 2100300 ‖ burned 1000000 ‖ 3 accounts by id:
    // A (200, nonce 1), B (1000000, slashed by half), C (100 + 100000 proposer reward).
    expect(bytesToHex(encodeLedger(state))).toBe(
      '0c737761726d2f6c656467657201' +
        '01' +
        'cc988001' +
        'c0843d' +
        '03' +
        'a1'.repeat(32) +
        'c80101' +
        'b2'.repeat(32) +
        'c0843d00' +
        'c3'.repeat(32) +
        '848e0600',
    )
    expect(ledgerHash(state)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuse to encode a state that breaks an invariant', () => {
    const { state } = setup()
    const broken = { ...state, minted: (state.minted + 1n) as TokenAmount }
    expect(() => encodeLedger(broken)).toThrow(LedgerInvariantError)
    const empty = { ...state, accounts: new Map([[A, { balance: micro(0), nonce: 0n }]]) }
    expect(() => encodeLedger({ ...empty, minted: micro(0), burned: micro(0) })).toThrow(
      /empty account/,
    )
  })

  it('give different hashes to states that differ in one nonce or the height', () => {
    const { state } = setup()
    const accounts = new Map(state.accounts)
    accounts.set(A, { balance: micro(200), nonce: 2n })
    expect(ledgerHash({ ...state, accounts })).not.toBe(ledgerHash(state))
    expect(ledgerHash({ ...state, height: 2 as Height })).not.toBe(ledgerHash(state))
  })
})

describe('decodeLedger', () => {
  const a = 'a1'.repeat(32)
  const b = 'b2'.repeat(32)

  it('refuse bytes no valid state encodes to, with a reason', () => {
    const cases: [Uint8Array, RegExp][] = [
      [raw([], { tag: 'swarm/other' }), /tag/],
      [raw([], { version: 2 }), /version/],
      [
        raw([
          { node: b, balance: 1n, nonce: 0n },
          { node: a, balance: 1n, nonce: 0n },
        ]),
        /sorted/,
      ],
      [
        raw([
          { node: a, balance: 1n, nonce: 0n },
          { node: a, balance: 1n, nonce: 0n },
        ]),
        /sorted/,
      ],
      [raw([{ node: a, balance: 0n, nonce: 0n }]), /empty account/],
      [raw([{ node: a, balance: 5n, nonce: 0n }], { minted: 6n }), /sum/],
      [raw([{ node: a, balance: 5n, nonce: 0n }], { minted: 5n, burned: 6n }), /burned more/],
      [raw([{ node: a, balance: MAX_LEDGER_INTEGER + 1n, nonce: 0n }]), /2\^64/],
      [new Uint8Array([...raw([{ node: a, balance: 5n, nonce: 1n }]), 0]), /trailing/],
      [new Uint8Array(0), /needs/],
    ]
    for (const [bytes, reason] of cases) expect(reasonOf(bytes)).toMatch(reason)
  })

  it('refuse a non-minimal varint', () => {
    const good = raw([{ node: a, balance: 5n, nonce: 1n }])
    // The nonce is the last byte (0x01); write it as 0x81 0x00 instead.
    const padded = new Uint8Array([...good.slice(0, -1), 0x81, 0x00])
    expect(reasonOf(padded)).toMatch(/minimal/)
  })

  it('refuse an account count larger than the bytes can hold, without allocating it', () => {
    const w = new ByteWriter()
    w.text(LEDGER_STATE_TAG)
      .varuint(1)
      .varuint(0)
      .bigvaruint(0n)
      .bigvaruint(0n)
      .varuint(2 ** 40)
    expect(reasonOf(w.finish())).toMatch(/exceeds/)
  })

  it('accept a hand-built canonical state', () => {
    const decoded = decodeLedger(
      raw([
        { node: a, balance: 5n, nonce: 0n },
        { node: b, balance: 0n, nonce: 3n },
      ]),
    )
    expect(decoded.ok).toBe(true)
    if (decoded.ok)
      expect(decoded.value.accounts.get(b as NodeId)).toEqual({ balance: 0n, nonce: 3n })
  })

  it('never throw on random bytes, and accept only bytes it would write itself', () => {
    const { state } = setup()
    const valid = encodeLedger(state)
    const mutated = fc
      .tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }))
      .map(([at, mask]) => {
        const out = valid.slice()
        out[at] = (out[at] ?? 0) ^ mask
        return out
      })
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated), (bytes) => {
        const decoded = decodeLedger(bytes)
        if (decoded.ok) expect(encodeLedger(decoded.value)).toEqual(bytes)
      }),
      { numRuns: 5000 },
    )
  })
})
