/**
 * The DiLoCo chain: the replicated state S_h, blocks, the deterministic transition (robust
 * aggregation, Nesterov outer step, ledger, membership) and the `Application` that `SwarmNode`
 * runs. See DESIGN.md, "The certified round log".
 */
export type { ChainMember, ChainParams, DilocoState } from './types.ts'
export { blockHash, decodeBlock, encodeBlock, type Block } from './block.ts'
export { decodeState, encodeState, stateHash } from './state.ts'
export {
  transition,
  type IncludedUpdate,
  type TransitionInput,
  type TransitionResult,
} from './transition.ts'
export { chainParams, compressionOf, genesisState, ruleOf, COLLECT_SLACK_MS } from './params.ts'
export { checkBlock, keysOf, openJoin, openLeave, openUpdate, type CheckedBlock } from './verify.ts'
export {
  DilocoApp,
  rejectionKey,
  type AppStats,
  type AttackView,
  type DilocoAppInit,
  type LocalTrainer,
  type UpdateAttack,
} from './app.ts'
export { verifyCheckpoint } from './checkpoint.ts'
export { nextMembership, type MembershipInput, type MembershipState } from './membership.ts'
export { sealJoin, sealLeave } from './join.ts'
export { localTrainer } from './trainer-adapter.ts'
export { isMember, type MemberList } from './members.ts'
export { BlockApplyError, BlockBuildError, StateDecodeError, TestAttackError } from './errors.ts'
