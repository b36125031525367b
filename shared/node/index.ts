/**
 * The swarm node: `SwarmNode` runs the certified round log over the `Transport`, `Clock` and an
 * `Application`; checkpoints, events and wire frames.
 */
export type { AppContext, Application, ChainView, Member } from './application.ts'
export type { Clock, TimerHandle } from './clock.ts'
export { yieldTo } from './clock.ts'
export type { NodeEvent, Phase } from './events.ts'
export { Cancel } from './cancel.ts'
export {
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
  type CheckpointEntry,
} from './checkpoint.ts'
export { CHECKPOINT_PROTOCOL, SwarmNode, type SwarmNodeInit } from './swarm-node.ts'
export { CertifiedLog, type CertifiedBlock } from './certified.ts'
export { SYNC_PROTOCOL } from './sync.ts'
export type { Misbehaviour } from './outbound.ts'
export { persistCommit, persistLog, restore } from './persist.ts'
export { decodeHeight, encodeHeight } from './wire.ts'
export * from './lifecycle/index.ts'
