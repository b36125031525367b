/**
 * The node's lifecycle around a `SwarmNode`, platform-free so the app and the simulator run the
 * same code: catch up from verified checkpoints (`catchUp` over `CheckpointSource`s), join until
 * member (`JoinService`), leave gracefully (`LeaveService`) and resync (`ResyncService`). The
 * loops have `start()`/`stop()` and take a `{ signal }`; every timer runs on the node's `Clock`.
 */
export {
  CHECKPOINT_MAX_BYTES,
  CHECKPOINT_RETRY_MS,
  CHECKPOINT_TIMEOUT_MS,
  JOIN_RETRY_MS,
  RESYNC_TIMEOUT_MS,
} from './constants.ts'
export {
  catchUp,
  checkServed,
  peerCheckpoints,
  type CatchUpComponents,
  type CatchUpOptions,
  type CaughtUp,
  type CheckpointSource,
  type ServedCheckpoint,
} from './catch-up.ts'
export { JoinService, type FollowingNode, type JoinComponents, type JoinInit } from './join.ts'
export { LeaveService, type LeaveComponents, type LeaveInit, type LeavingNode } from './leave.ts'
export { ResyncService, type ResyncComponents, type ResyncInit } from './resync.ts'
export { LoopService, type StartOptions } from './service.ts'
export { sleep } from './sleep.ts'
export {
  NotReadyError,
  NotRunningError,
  ResyncError,
  describeError,
  errorMessage,
  type ResyncFailure,
} from '../errors.ts'
