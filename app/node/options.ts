/** How the tab's node should behave, from the URL (see `boot.ts`). */
import type { BackendName } from '../../shared/trainer/index.ts'

/**
 * Test-only attacks a job with `allowTestAttacks` accepts from the URL: on the node's updates
 * (`signflip`, `noise`, `alie`, `badsig`: see `shared/chain/test-attacks.ts`) or on consensus
 * (`equivocate`: two different votes each round; `silent`: sends nothing).
 */
export type TestAttack = 'signflip' | 'noise' | 'alie' | 'badsig' | 'equivocate' | 'silent'

/** Attacks the `?attack=` switch knows. */
export const TEST_ATTACKS: readonly TestAttack[] = [
  'signflip',
  'noise',
  'alie',
  'badsig',
  'equivocate',
  'silent',
]

/** How the tab should behave, from the URL. */
export interface RuntimeOptions {
  readonly jobName: string
  readonly backend?: BackendName
  /** Test-only misbehaviour, refused unless the job allows test attacks. */
  readonly attack?: TestAttack
  /** Test examples evaluated after each height (the whole test set is slow on a phone). */
  readonly evalSamples?: number
}
