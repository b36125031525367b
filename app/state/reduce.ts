/**
 * The dashboard reducer: a pure function from (state, input) to the next state. It never reads
 * the clock, the network or storage, so a recorded stream of inputs always gives the same state.
 */
import type { SwarmSnapshot } from '../net/swarm-client.ts'
import { MAX_AUDIT, MAX_COMMITTED } from './constants.ts'
import { INITIAL_CHAIN, reduceLedger, reduceSummary } from './reduce-chain.ts'
import { INITIAL_CONSENSUS, reduceConsensus } from './reduce-consensus.ts'
import { INITIAL_TRAINING, reduceTraining } from './reduce-training.ts'
import { DEFAULT_SETTINGS, type Settings } from './settings.ts'
import type { DashboardInput, DashboardState, NodeStatus } from './types.ts'

/** The swarm client's snapshot before it has started. */
export const INITIAL_SWARM: SwarmSnapshot = {
  status: 'starting',
  relay: { state: 'unknown', reconnects: 0, reserved: false },
  peers: [],
  dial: { attempts: 0, successes: 0, failures: 0, durationsMs: [], lastErrors: [] },
  lobby: [],
}

/** The runtime's status before anything has happened. */
export const INITIAL_NODE: NodeStatus = {
  status: 'starting',
  rejected: {},
  trainedHeights: 0,
  participating: true,
  paused: false,
  dutyCycle: 1,
  resyncs: 0,
  committed: [],
}

/** The node status after one of its own commits: the height joins the recent list. */
function withCommit(node: NodeStatus, e: { height: number; round: number; stateHash: string }) {
  const committed = [
    ...node.committed,
    { height: e.height, round: e.round, stateHash: e.stateHash },
  ].slice(-MAX_COMMITTED)
  return { ...node, committed }
}

/** The state of a fresh page with the given settings. */
export function initialState(settings: Settings = DEFAULT_SETTINGS): DashboardState {
  return {
    self: undefined,
    attached: false,
    node: INITIAL_NODE,
    startup: undefined,
    nodeError: undefined,
    replay: undefined,
    online: true,
    swarm: INITIAL_SWARM,
    consensus: INITIAL_CONSENSUS,
    chain: INITIAL_CHAIN,
    training: INITIAL_TRAINING,
    agent: { controls: undefined, entries: [] },
    settings,
    controllable: false,
    notice: undefined,
    transfer: { state: 'idle' },
    pwa: {
      registered: false,
      offlineReady: false,
      needRefresh: false,
      installable: false,
      installed: false,
    },
  }
}

/** The next state after `input` (the same object when nothing changed). */
export function reduce(s: DashboardState, input: DashboardInput): DashboardState {
  switch (input.kind) {
    case 'identity':
      return s.self === input.nodeId ? s : { ...s, self: input.nodeId }
    case 'attached':
      return s.attached === input.attached ? s : { ...s, attached: input.attached }
    case 'startup':
      if (s.startup === input.text && s.nodeError === input.error) return s
      return { ...s, startup: input.text, nodeError: input.error }
    case 'replay':
      return { ...s, replay: input.label }
    case 'status':
      return { ...s, node: { ...s.node, ...input.patch } }
    case 'node': {
      const consensus = reduceConsensus(s.consensus, input.event)
      const node = input.event.type === 'committed' ? withCommit(s.node, input.event) : s.node
      return consensus === s.consensus && node === s.node ? s : { ...s, consensus, node }
    }
    case 'chain':
    case 'ledger': {
      const chain =
        input.kind === 'chain'
          ? reduceSummary(s.chain, input.summary)
          : reduceLedger(s.chain, input.height, input.events, s.self)
      return chain === s.chain ? s : { ...s, chain }
    }
    case 'swarm':
      return s.swarm === input.snapshot ? s : { ...s, swarm: input.snapshot }
    case 'online':
      return s.online === input.online ? s : { ...s, online: input.online }
    case 'backend':
    case 'progress':
    case 'trained':
    case 'evaluated':
    case 'traffic':
      return { ...s, training: reduceTraining(s.training, input) }
    case 'controls':
      return { ...s, agent: { ...s.agent, controls: input.controls } }
    case 'audit': {
      const entries = s.agent.entries
      if (entries.some((e) => e.hash === input.entry.hash)) return s
      return { ...s, agent: { ...s.agent, entries: [...entries, input.entry].slice(-MAX_AUDIT) } }
    }
    case 'settings':
      return { ...s, settings: input.settings }
    case 'controllable':
      return s.controllable === input.controllable ? s : { ...s, controllable: input.controllable }
    case 'notice':
      return { ...s, notice: input.notice }
    case 'transfer':
      return { ...s, transfer: input.status }
    case 'pwa':
      return { ...s, pwa: { ...s.pwa, ...input.pwa } }
  }
}

/** Folds a list of inputs. */
export function reduceAll(s: DashboardState, inputs: readonly DashboardInput[]): DashboardState {
  let next = s
  for (const input of inputs) next = reduce(next, input)
  return next
}
