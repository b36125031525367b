/**
 * Bounding and cleaning a decision before it is signed: a deep JSON copy, texts cut to
 * `MAX_AUDIT_TEXT`, at most `MAX_AUDIT_REASONS` reasons per rule and `MAX_AUDIT_NOTES` notes, and
 * lone surrogates replaced, so that every string has one UTF-8 form and the body hashes the same
 * after a round trip through storage.
 */
import { MAX_AUDIT_NOTES, MAX_AUDIT_REASONS, MAX_AUDIT_TEXT } from '../constants.ts'
import type { AuditAction, AuditRecord } from './types.ts'

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
    actions: copy.actions.map((a): AuditAction => a),
    notes: copy.notes.slice(0, MAX_AUDIT_NOTES),
  }
}

function cleanStrings(_key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value
  const cut = value.length > MAX_AUDIT_TEXT ? `${value.slice(0, MAX_AUDIT_TEXT - 1)}…` : value
  return cut.replace(LONE_SURROGATE, '\uFFFD')
}
