/**
 * Canonical JSON: the one byte string a manifest hashes to.
 *
 * @remarks
 * RFC 8785 (JSON Canonicalization Scheme) for the values manifests hold: object keys sorted by
 * UTF-16 code units, no whitespace, numbers and strings as ECMAScript `JSON.stringify` writes them
 * (which is what RFC 8785 specifies). Non-finite numbers, `undefined`, functions and other
 * non-JSON values are rejected rather than silently dropped.
 */

/** Serialises a JSON value canonically; throws `TypeError` on anything JSON cannot hold. */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => canonicalJson(v, `${path}[${i}]`)).join(',')}]`
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record).sort()
    const parts = keys.map(
      (k) => `${JSON.stringify(k)}:${canonicalJson(record[k], `${path}.${k}`)}`,
    )
    return `{${parts.join(',')}}`
  }
  throw new TypeError(`${path}: a ${typeof value} is not a JSON value`)
}
