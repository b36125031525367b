/**
 * Vote thresholds for n equally weighted members.
 *
 * @remarks
 * A quorum is more than two thirds of the members: q = ⌊2n/3⌋ + 1. Two quorums then always
 * share more than n/3 members, so at least one honest member, whatever n is. The textbook "2f+1"
 * equals q only when n = 3f + 1: with n = 6 and f = 1, 2f + 1 = 3 would let two disjoint halves
 * each certify a different block. The largest number of faults tolerated is f = n − q, and f + 1
 * messages from a higher round prove that at least one honest member has moved there
 * (arXiv 1807.04938, Algorithm 1, line 55).
 */
import { CommitteeSizeError } from './errors.ts'

/** Votes needed to certify: more than two thirds of `n`. */
export function quorum(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new CommitteeSizeError(`member count must be ≥ 1, got ${n}`)
  return Math.floor((2 * n) / 3) + 1
}

/** Faults tolerated with `n` members: f = n − q. */
export function maxFaults(n: number): number {
  return n - quorum(n)
}

/** Messages from a higher round that make a member skip to it: f + 1. */
export function skipThreshold(n: number): number {
  return maxFaults(n) + 1
}
