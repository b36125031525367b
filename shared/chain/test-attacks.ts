/**
 * Byzantine updates a member can send in tests (a tab's `?attack=`, the simulator), built on the
 * attack generators of `shared/training/attacks`. Each turns the node's honest work into what a
 * Byzantine member would send; honest nodes judge the result like any other input.
 *
 * - `signflip`: −4Δ, pointing against the honest direction, far enough out to be clipped.
 * - `noise`: a Gaussian direction scaled to the norm of the honest Δ (plausible size, no signal).
 * - `alie`: "A Little Is Enough" (Baruch et al., NeurIPS 2019): μ − zσ per coordinate, with μ and
 *   σ estimated from this height's updates the attacker holds (its own honest Δ and the other
 *   members' updates, waited for until shortly before the proposer stops collecting), and
 *   z = `alieZ(n, 1)` for n members, one of them Byzantine. With n = 4 that z is 0 and the attack
 *   is the honest mean, as the paper's formula gives.
 * - `badsig`: the honest Δ under an update header whose signature does not verify.
 *
 * @remarks
 * Test tools, never consensus code: they use `Math.log`/`cos`. Kept out of `shared/chain/index.ts`
 * so the app loads them only when a job allows test attacks and the URL asks for one.
 */
import { decodeEnvelope, encodeEnvelope } from '../protocol/index.ts'
import { alieZ, craftAttack, gaussianVector, randomSource } from '../training/attacks/index.ts'
import type { AttackView, UpdateAttack } from './attack.ts'
import { TestAttackError } from './errors.ts'

/** Attacks on a member's own updates. */
export type UpdateAttackKind = 'signflip' | 'noise' | 'alie' | 'badsig'

/** The kinds `updateAttack` knows. */
export const UPDATE_ATTACKS: readonly UpdateAttackKind[] = ['signflip', 'noise', 'alie', 'badsig']

/** How much a sign-flipper scales −Δ. */
export const SIGNFLIP_SCALE = 4

/** How long before the proposer's collect deadline an ALIE attacker stops waiting and sends. */
export const ALIE_SEND_MARGIN_MS = 3_000

/** Whether `kind` names an update attack. */
export function isUpdateAttack(kind: string): kind is UpdateAttackKind {
  return (UPDATE_ATTACKS as readonly string[]).includes(kind)
}

/** The Euclidean norm of `x`. */
function norm(x: Float32Array): number {
  let s = 0
  for (const v of x) s += v * v
  return Math.sqrt(s)
}

/** A Gaussian vector with the norm of `honest` (zero when `honest` is zero). */
export function noiseLike(honest: Float32Array, seed: number): Float32Array {
  const g = gaussianVector(honest.length, 1, randomSource(seed))
  const n = norm(g)
  const scale = n === 0 ? 0 : norm(honest) / n
  return g.map((x) => x * scale)
}

/** μ − zσ over `updates` (population moments per coordinate). */
export function alieOf(updates: readonly Float32Array[], z: number): Float32Array {
  return craftAttack({ type: 'alie', z }, updates, 1)[0] as Float32Array
}

/** Sealed bytes whose signature no longer verifies (one signature byte flipped). */
export function breakSignature(sealed: Uint8Array): Uint8Array {
  const env = decodeEnvelope(sealed)
  if (!env.ok) throw new TestAttackError(`breakSignature: ${env.reason.detail}`)
  const signature = env.value.signature.slice()
  signature[signature.length >> 1] = (signature[signature.length >> 1] ?? 0) ^ 0xff
  return encodeEnvelope({ ...env.value, signature })
}

/** The attack `kind` for a node; `seed` varies the noise between nodes. */
export function updateAttack(kind: UpdateAttackKind, seed: number): UpdateAttack {
  switch (kind) {
    case 'signflip':
      return { delta: (d) => d.map((x) => -SIGNFLIP_SCALE * x) }
    case 'noise':
      return { delta: (d, view: AttackView) => noiseLike(d, (seed ^ view.height) >>> 0) }
    case 'alie':
      return {
        delta: async (d, view: AttackView) => {
          await view.waitForOthers(view.collectDeadline - ALIE_SEND_MARGIN_MS)
          return alieOf([d, ...view.others()], alieZ(view.members, 1))
        },
      }
    case 'badsig':
      return { envelope: breakSignature }
  }
}
