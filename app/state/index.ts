/**
 * The dashboard's state: one store, folded by a pure reducer from the node's events, the swarm
 * client's snapshots, the trainer's reports, the ledger's events, the autonomy loop's audit entries
 * and the donor's settings; hooks that return snapshots of it; and the action functions the views
 * call. Data flows one way: sources → `dispatch` → reducer → hooks → views → actions → ports.
 *
 * @remarks
 * `feedRuntime(runtime, store)` mirrors the tab's `NodeRuntime` through its public face: node
 * events, identity, start-up stage, backend, certified height and balance, evaluations, and from
 * its reports (`node/reports.ts`) the trainer's progress (throttled) and rounds, the ledger's
 * events per applied block, the members and supply of each certified state, and the bytes moved
 * per height. `feedNode(swarmNode, store, nodeId)` does the same for a bare `SwarmNode` (tests,
 * simulator). The autonomy loop dispatches `controls` and `audit`; `actions.connectNode(port)`
 * takes the controls.
 */
export * from './types.ts'
export { activityOf, describeActivity, isMember, type Activity } from './activity.ts'
export {
  createActions,
  NOT_RUNNING,
  type DashboardActions,
  type LobbyPort,
  type NodePort,
  type UpdatePort,
} from './actions.ts'
export { installDashboardHandle, type DashboardTestHandle } from './dashboard-handle.ts'
export { fromJson, toJson } from './json.ts'
export { initialState, reduce, reduceAll } from './reduce.ts'
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
export {
  PROGRESS_INTERVAL_MS,
  feedRuntime,
  type FeedRuntimeOptions,
  type RuntimeSource,
  type RuntimeView,
} from './runtime-source.ts'
export { createDashboardStore, type DashboardStore, type StoreOptions } from './store.ts'
