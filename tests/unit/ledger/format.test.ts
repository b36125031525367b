import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatRuv,
  MAX_LEDGER_INTEGER,
  MAX_TRANSFER_AMOUNT,
  parseRuv,
  parseTransferAmount,
} from '../../../shared/ledger/index.ts'

const reasonOf = (r: ReturnType<typeof parseRuv>) => (r.ok ? 'ok' : r.reason)

describe('formatRuv', () => {
  it('show whole rUv, all six decimals and the unit', () => {
    expect(formatRuv(1_234_567n)).toBe('1.234567 rUv')
    expect(formatRuv(0n)).toBe('0.000000 rUv')
    expect(formatRuv(1n)).toBe('0.000001 rUv')
    expect(formatRuv(1_500_000n)).toBe('1.500000 rUv')
    expect(formatRuv(-2_000_001n)).toBe('-2.000001 rUv')
    expect(formatRuv(MAX_LEDGER_INTEGER)).toBe('18446744073709.551615 rUv')
  })
})

describe('parseRuv', () => {
  it('read decimal rUv into micro-rUv', () => {
    const cases: [string, bigint][] = [
      ['1.5', 1_500_000n],
      ['0.000001', 1n],
      ['.5', 500_000n],
      ['2.', 2_000_000n],
      ['007', 7_000_000n],
      [' 3 rUv ', 3_000_000n],
      ['3RUV', 3_000_000n],
      ['0', 0n],
    ]
    for (const [text, micro] of cases)
      expect(parseRuv(text), text).toEqual({ ok: true, value: micro })
  })

  it('explain what is wrong with bad input', () => {
    expect(reasonOf(parseRuv(''))).toMatch(/enter an amount/)
    expect(reasonOf(parseRuv('  rUv'))).toMatch(/enter an amount/)
    expect(reasonOf(parseRuv('-1'))).toMatch(/negative/)
    expect(reasonOf(parseRuv('1.0000001'))).toMatch(/6 decimal places/)
    for (const text of [
      'abc',
      '1,5',
      '1.2.3',
      '1e6',
      '.',
      '+1',
      '0x10',
      '1 000',
      'Infinity',
      'NaN',
    ]) {
      expect(reasonOf(parseRuv(text)), text).toMatch(/digits/)
    }
    expect(reasonOf(parseRuv('18446744073709.551616'))).toMatch(/too large/)
    expect(reasonOf(parseRuv('9'.repeat(5000)))).toMatch(/too large/)
    expect(parseRuv('18446744073709.551615')).toEqual({ ok: true, value: MAX_LEDGER_INTEGER })
  })

  it('read back what formatRuv writes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_LEDGER_INTEGER }), (micro) => {
        expect(parseRuv(formatRuv(micro))).toEqual({ ok: true, value: micro })
      }),
    )
  })

  it('never throw on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(typeof parseRuv(text).ok).toBe('boolean')
      }),
    )
  })
})

describe('parseTransferAmount', () => {
  it('refuse zero, amounts over the cap and amounts over the balance', () => {
    expect(reasonOf(parseTransferAmount('0'))).toMatch(/more than 0/)
    expect(reasonOf(parseTransferAmount('1000000000.000001'))).toMatch(/per transfer/)
    expect(parseTransferAmount('1000000000')).toEqual({ ok: true, value: MAX_TRANSFER_AMOUNT })
    expect(reasonOf(parseTransferAmount('2', 1_999_999n))).toMatch(/balance of 1.999999 rUv/)
    expect(parseTransferAmount('2', 2_000_000n)).toEqual({ ok: true, value: 2_000_000n })
    expect(reasonOf(parseTransferAmount('x'))).toMatch(/digits/)
  })
})
