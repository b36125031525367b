/** rUv amounts as people read and type them: `1.234567 rUv` ⇄ 1234567n micro-rUv. */
import type { Result, TokenAmount } from '../types/index.ts'
import {
  MAX_LEDGER_INTEGER,
  MAX_TRANSFER_AMOUNT,
  MICRO_PER_RUV,
  RUV_DECIMALS,
  RUV_SYMBOL,
} from './constants.ts'

/** Formats micro-rUv with all 6 decimals and the unit: `1234567n` → `'1.234567 rUv'`. */
export function formatRuv(amount: bigint): string {
  const sign = amount < 0n ? '-' : ''
  const abs = amount < 0n ? -amount : amount
  const whole = abs / MICRO_PER_RUV
  const fraction = (abs % MICRO_PER_RUV).toString().padStart(RUV_DECIMALS, '0')
  return `${sign}${whole}.${fraction} ${RUV_SYMBOL}`
}

const AMOUNT_RE = /^([0-9]*)(?:\.([0-9]*))?$/
const UNIT_RE = new RegExp(`\\s*${RUV_SYMBOL}$`, 'i')
// Digits beyond this cannot be below 2^64 micro-rUv; refusing them early bounds BigInt work.
const MAX_WHOLE_DIGITS = 20

/**
 * Parses an amount typed in rUv (`'1.5'`, `'0.000001'`, `'.5'`, `'2 rUv'`) into micro-rUv, or
 * says in words what is wrong with it. Zero is a valid amount here; see `parseTransferAmount`.
 */
export function parseRuv(text: string): Result<TokenAmount> {
  if (typeof text !== 'string') return fail('enter an amount')
  const trimmed = text.trim().replace(UNIT_RE, '')
  if (trimmed === '') return fail('enter an amount')
  if (trimmed.startsWith('-')) return fail('the amount cannot be negative')
  const match = AMOUNT_RE.exec(trimmed)
  const whole = match?.[1] ?? ''
  const fraction = match?.[2] ?? ''
  if (match === null || whole + fraction === '') {
    return fail('use digits and at most one decimal point, like 1.5')
  }
  if (fraction.length > RUV_DECIMALS) {
    return fail(`at most ${RUV_DECIMALS} decimal places (the smallest amount is 0.000001 rUv)`)
  }
  if (whole.replace(/^0+/, '').length > MAX_WHOLE_DIGITS) return fail('the amount is too large')
  const micro =
    BigInt(whole === '' ? '0' : whole) * MICRO_PER_RUV + BigInt(fraction.padEnd(RUV_DECIMALS, '0'))
  if (micro > MAX_LEDGER_INTEGER) return fail('the amount is too large')
  return { ok: true, value: micro as TokenAmount }
}

/**
 * Parses the amount of a transfer form: as `parseRuv`, and more than zero, within the transfer
 * cap and, when `balance` is given, no more than it.
 */
export function parseTransferAmount(text: string, balance?: bigint): Result<TokenAmount> {
  const parsed = parseRuv(text)
  if (!parsed.ok) return parsed
  const amount = parsed.value
  if (amount === 0n) return fail('the amount must be more than 0')
  if (amount > MAX_TRANSFER_AMOUNT) {
    return fail(`at most ${formatRuv(MAX_TRANSFER_AMOUNT)} per transfer`)
  }
  if (balance !== undefined && amount > balance) {
    return fail(`more than the balance of ${formatRuv(balance)}`)
  }
  return parsed
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}
