/**
 * The audit log of the autonomy loop: each decision with its facts, the rules that fired and why,
 * and what was done, hash-chained (SHA-256 over canonical JSON) and signed with the node's
 * ML-DSA-65 key under `swarm/v1/<job>/autonomy-audit`, kept in a `Storage` with a bounded length
 * and a verifiable anchor, and checked by `verify`, which names the first bad entry.
 */
export type * from './types.ts'
export * from './log.ts'
export { decodeStored, encodeBody, encodeStored, hashBody } from './encoding.ts'
