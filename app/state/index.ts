/**
 * The dashboard's state: one store, folded by a pure reducer from the node's events, the swarm
 * client's snapshots, the trainer's reports, the ledger's events, the autonomy loop's audit entries
 * and the donor's settings; hooks that return snapshots of it; and the action functions the views
 * call. Data flows one way: sources → `dispatch` → reducer → hooks → views → actions → ports.
 *
 * @remarks
 * The tab's `NodeRuntime` writes into the store through a `NodeFeed` (`node-feed.ts`): its own
 * status, node events, identity, backend, certified state, ledger events, the trainer's progress
 * (throttled) and rounds, evaluations and the bytes moved per height. `nodeSnapshot(state)` reads
 * the node back as one flat object (the test handle's `node()`). `feedNode(swarmNode, store,
 * nodeId)` feeds a bare `SwarmNode` (tests, simulator). The autonomy loop dispatches `controls`
 * and `audit`; `actions.connectNode(port)` takes the controls.
 */
export * from './types.ts'
export { activityOf, describeActivity, isMember, type Activity } from './activity.ts'
export {
  createActions,
  NOT_RUNNING,
  type DashboardActions,
  type NodePort,
  type UpdatePort,
} from './actions.ts'
export { installDashboardHandle, type DashboardTestHandle } from './dashboard-handle.ts'
export { fromJson, toJson } from './json.ts'
export { INITIAL_NODE, initialState, reduce, reduceAll } from './reduce.ts'
export { stepsPerSecond } from './reduce-training.ts'
export {
  DEFAULT_SETTINGS,
  MIN_DUTY,
  SETTINGS_KEY,
  loadSettings,
  parseSettings,
  saveSettings,
  toUserSettings,
  type KeyValueStore,
  type Settings,
} from './settings.ts'
export {
  chainSummary,
  feedNode,
  feedOnline,
  feedSwarm,
  type NodeSource,
  type SwarmSource,
} from './sources.ts'
export { NodeFeed, PROGRESS_INTERVAL_MS, startupText, type NodeFeedOptions } from './node-feed.ts'
export { nodeSnapshot, type NodeSnapshot } from './node-snapshot.ts'
export { createDashboardStore, type DashboardStore, type StoreOptions } from './store.ts'
