/** What the node is doing right now, in one word, derived from the dashboard state. */
import type { DashboardState } from './types.ts'

/**
 * The node's activity:
 * - `not running`: no node feeds the dashboard in this tab (yet), or it failed;
 * - `starting`: the node loads its data, picks a backend, finds the job or catches up;
 * - `paused`: the donor or the autonomy loop paused training;
 * - `left`: the donor chose not to take part (the tab follows the chain without contributing);
 * - `joining`: it asked to join and is not a member of the certified state yet;
 * - `syncing`: it is catching up with certified blocks from peers;
 * - `training`: a local round is in progress;
 * - `voting`: it takes part in the current height's propose/prevote/precommit;
 * - `idle`: a member between heights.
 */
export type Activity =
  | 'not running'
  | 'starting'
  | 'paused'
  | 'left'
  | 'joining'
  | 'syncing'
  | 'training'
  | 'voting'
  | 'idle'

/** Whether this node is a member of the latest certified state. */
export function isMember(s: DashboardState): boolean {
  return s.chain.summary?.member ?? false
}

/** The node's activity now. */
export function activityOf(s: DashboardState): Activity {
  if (!s.attached && s.replay === undefined) return 'not running'
  if (s.startup !== undefined) return 'starting'
  // The donor's choice shows only once the node applies it: the page must not claim a pause
  // that the node does not honour.
  if (s.agent.controls?.paused === true || (s.controllable && s.settings.paused)) return 'paused'
  if (s.controllable && !s.settings.joined) return 'left'
  if (s.consensus.phase === 'syncing') return 'syncing'
  if (!isMember(s)) return 'joining'
  const current = s.training.current
  if (current !== undefined && current.height === s.consensus.height) return 'training'
  const phase = s.consensus.phase
  if (phase === 'propose' || phase === 'prevote' || phase === 'precommit') return 'voting'
  if (phase === 'training') return 'training'
  return 'idle'
}

/** One sentence a donor understands, for the header. */
export function describeActivity(a: Activity): string {
  switch (a) {
    case 'not running':
      return 'The training node is not running in this tab; only the swarm connection is live.'
    case 'starting':
      return "Starting: getting the data, the model and the swarm's latest state."
    case 'paused':
      return 'Paused: this tab trains nothing until you resume.'
    case 'left':
      return 'Not taking part: this tab follows the swarm without training or voting.'
    case 'joining':
      return 'Joining: waiting for the swarm to admit this tab as a member.'
    case 'syncing':
      return 'Catching up with the certified blocks the swarm agreed on.'
    case 'training':
      return 'Training its share of the model for the current height.'
    case 'voting':
      return 'Voting with the other members on the current height.'
    case 'idle':
      return 'A member of the swarm, between heights.'
  }
}
