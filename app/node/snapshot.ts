/** What the dashboard shows about the tab's node: one immutable object per change. */

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

/** The node's state for the UI. */
export interface RuntimeSnapshot {
  readonly status:
    | 'starting'
    | 'loading'
    | 'genesis'
    | 'syncing'
    | 'joining'
    | 'member'
    | 'error'
    | 'stopped'
    | 'left'
  readonly error?: string
  readonly loading?: string
  readonly jobId?: string
  readonly jobName?: string
  readonly nodeId?: string
  readonly founder?: string
  readonly attack?: TestAttack
  readonly backend?: string
  readonly backendReason?: string
  readonly height: number
  readonly round: number
  readonly phase?: string
  readonly proposer?: string
  readonly prevotes: number
  readonly precommits: number
  readonly quorum: number
  readonly stateHash?: string
  readonly members: number
  readonly isMember: boolean
  readonly balance: string
  readonly balanceMicro: string
  readonly trainedHeights: number
  readonly accuracy?: number
  readonly loss?: number
  readonly evaluatedHeight?: number
  readonly committed: readonly {
    readonly height: number
    readonly round: number
    readonly stateHash: string
  }[]
  readonly lastRejected?: string
  /** Inputs the chain app refused (updates, joins, payloads), counted by reason. */
  readonly rejected: Readonly<Record<string, number>>
  /** The node takes part in consensus (false after the donor left). */
  readonly participating: boolean
  /** Training is paused (the node still votes). */
  readonly paused: boolean
  /** Share of wall time the trainer may compute. */
  readonly dutyCycle: number
  /** H in force: most inner steps per round (undefined: the job's). */
  readonly innerSteps?: number
  /** Resyncs from a checkpoint since start-up (the autonomy loop asks for them). */
  readonly resyncs: number
}

/** Before anything has happened. */
export const EMPTY_SNAPSHOT: RuntimeSnapshot = {
  status: 'starting',
  height: 0,
  round: 0,
  prevotes: 0,
  precommits: 0,
  quorum: 0,
  members: 0,
  isMember: false,
  balance: '0.000000 rUv',
  balanceMicro: '0',
  trainedHeights: 0,
  committed: [],
  rejected: {},
  participating: true,
  paused: false,
  dutyCycle: 1,
  resyncs: 0,
}
