/**
 * The audit entry's bytes: the body as canonical JSON (RFC 8785, as job manifests use), hashed
 * with SHA-256 and signed as is; and the stored form, the whole entry as canonical JSON.
 *
 * @remarks
 * Before it is signed a record is bounded and cleaned (`normalizeRecord`): a deep JSON copy, texts
 * cut to `MAX_AUDIT_TEXT`, at most `MAX_AUDIT_REASONS` reasons per rule and `MAX_AUDIT_NOTES`
 * notes, and lone surrogates replaced, so that every string has one UTF-8 form and the body
 * hashes the same after a round trip through storage. Stored entries are read back through the
 * same shape check as fresh records, so a corrupted or hand-edited storage value is reported by
 * `verify`, never trusted or thrown.
 */
import { ML_DSA_65_SIGNATURE_BYTES, sha256Hex } from '../../crypto/index.ts'
import { canonicalJson } from '../../job/index.ts'
import { decodeUtf8, encodeUtf8 } from '../../protocol/index.ts'
import type { Result } from '../../types/index.ts'
import {
  AUDIT_FORMAT_VERSION,
  MAX_AUDIT_NOTES,
  MAX_AUDIT_REASONS,
  MAX_AUDIT_TEXT,
} from '../constants.ts'
import { factTypeOf } from '../facts.ts'
import type { AuditBody, AuditEntry, AuditRecord } from './types.ts'

const HEX64 = /^[0-9a-f]{64}$/
const SIGNATURE_HEX = new RegExp(`^[0-9a-f]{${2 * ML_DSA_65_SIGNATURE_BYTES}}$`)
const BODY_KEYS: readonly (keyof AuditBody)[] = [
  'v',
  'job',
  'node',
  'seq',
  'at',
  'facts',
  'fired',
  'actions',
  'notes',
  'prevHash',
]
/** Every field of a stored entry. */
export const ENTRY_KEYS: readonly string[] = [...BODY_KEYS, 'hash', 'signature']

/** The exact bytes that are hashed and signed: the body's canonical JSON in UTF-8. */
export function encodeBody(body: AuditBody): Uint8Array {
  const picked: Record<string, unknown> = {}
  for (const key of BODY_KEYS) picked[key] = body[key]
  return encodeUtf8(canonicalJson(picked))
}

/** Hex SHA-256 of encoded body bytes. */
export function hashBody(bytes: Uint8Array): string {
  return sha256Hex(bytes)
}

/** The storage value of an entry. */
export function encodeStored(entry: AuditEntry): Uint8Array {
  return encodeUtf8(canonicalJson(entry))
}

/** Reads a storage value back into an entry, or says why it is not one. */
export function decodeStored(bytes: Uint8Array): Result<AuditEntry> {
  let value: unknown
  try {
    value = JSON.parse(decodeUtf8(bytes))
  } catch (err) {
    return { ok: false, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}` }
  }
  const problem = checkShape(value, ENTRY_KEYS)
  return problem === undefined
    ? { ok: true, value: value as AuditEntry }
    : { ok: false, reason: problem }
}

/** Why `value` is not an audit body (or, with the entry keys, an entry); undefined if it is. */
export function checkShape(
  value: unknown,
  keys: readonly string[] = BODY_KEYS,
): string | undefined {
  if (!isRecord(value)) return 'not an object'
  for (const key of keys) if (!Object.hasOwn(value, key)) return `missing "${key}"`
  for (const key of Object.keys(value)) if (!keys.includes(key)) return `unknown field "${key}"`
  if (value.v !== AUDIT_FORMAT_VERSION) return `unsupported version ${String(value.v)}`
  if (typeof value.job !== 'string') return '"job" is not a string'
  if (typeof value.node !== 'string' || !HEX64.test(value.node)) return '"node" is not a node id'
  if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 0) return '"seq" is not a count'
  if (typeof value.at !== 'number' || !Number.isFinite(value.at)) return '"at" is not a time'
  if (typeof value.prevHash !== 'string' || !HEX64.test(value.prevHash)) {
    return '"prevHash" is not a hash'
  }
  if (!isRecord(value.facts)) return '"facts" is not an object'
  for (const [name, fact] of Object.entries(value.facts)) {
    if (factTypeOf(fact) === undefined) return `fact "${name}" is not a finite scalar`
  }
  if (!Array.isArray(value.fired) || !value.fired.every(isFiredRule)) {
    return '"fired" is not a list of rules with reasons'
  }
  if (!Array.isArray(value.actions) || !value.actions.every(isAction)) {
    return '"actions" is not a list of actions'
  }
  if (!isStringList(value.notes)) return '"notes" is not a list of strings'
  if (keys.includes('hash') && (typeof value.hash !== 'string' || !HEX64.test(value.hash))) {
    return '"hash" is not a hash'
  }
  if (
    keys.includes('signature') &&
    (typeof value.signature !== 'string' || !SIGNATURE_HEX.test(value.signature))
  ) {
    return '"signature" is not an ML-DSA-65 signature in hex'
  }
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string')
}

function isAction(value: unknown): boolean {
  return isRecord(value) && typeof value.type === 'string'
}

function isFiredRule(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    Number.isSafeInteger(value.priority) &&
    isStringList(value.reasons)
  )
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** A bounded, JSON-clean copy of `record`. */
export function normalizeRecord(record: AuditRecord): AuditRecord {
  // A JSON round trip drops `undefined` fields (which canonical JSON refuses) and copies deeply.
  const copy = JSON.parse(JSON.stringify(record, cleanStrings)) as AuditRecord
  return {
    at: copy.at,
    facts: copy.facts,
    fired: copy.fired.map((rule) => ({
      id: rule.id,
      priority: rule.priority,
      reasons: rule.reasons.slice(0, MAX_AUDIT_REASONS),
    })),
    actions: copy.actions,
    notes: copy.notes.slice(0, MAX_AUDIT_NOTES),
  }
}

function cleanStrings(_key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value
  const cut = value.length > MAX_AUDIT_TEXT ? `${value.slice(0, MAX_AUDIT_TEXT - 1)}…` : value
  return cut.replace(LONE_SURROGATE, '\uFFFD')
}
