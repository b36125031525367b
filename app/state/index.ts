/**
 * The dashboard's state: one store, folded by a pure reducer from the node's events, the swarm
 * client's snapshots, the trainer's reports, the ledger's events, the autonomy loop's audit entries
 * and the donor's settings; hooks that return snapshots of it; and the action functions the views
 * call. Data flows one way: sources → `dispatch` → reducer → hooks → views → actions → ports.
 *
 * @remarks
 * Today `feedRuntime(runtime, store)` mirrors the tab's `NodeRuntime` through its public face
 * (node events, identity, start-up stage, backend, certified height and balance, evaluations).
 * The rest of the wiring (issue 6) means calling `dispatch` with the input kinds of `types.ts`:
 * `feedNode(swarmNode, store, nodeId)` for the node's events and full certified states (members,
 * supply) in place of the runtime's summary;
 * `{ kind: 'ledger', height, events }` from the transition's `ledgerEvents`; `backend`,
 * `progress`, `trained`, `evaluated` from the trainer; `traffic` per height; `controls` and
 * `audit` from the autonomy loop; and `actions.connectNode(port)` for the controls.
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
export { feedRuntime, type RuntimeSource, type RuntimeView } from './runtime-source.ts'
export { createDashboardStore, type DashboardStore, type StoreOptions } from './store.ts'
