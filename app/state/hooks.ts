/** Hooks over the dashboard store, one per slice; each returns a snapshot and re-renders on change. */
import { useDashboard } from '../NodeContext.tsx'
import { activityOf, type Activity } from './activity.ts'
import type { Settings } from './settings.ts'
import type {
  AgentState,
  ChainState,
  ConsensusState,
  Notice,
  PwaStatus,
  TrainingState,
  TransferStatus,
} from './types.ts'
import type { NodeId } from '../../shared/types/index.ts'

/** Height, round, phase, votes and certificates. */
export const useConsensus = (): ConsensusState => useDashboard((s) => s.consensus)
/** Balance, supply, members, earnings and transfers. */
export const useChain = (): ChainState => useDashboard((s) => s.chain)
/** Backend, progress and per-height training series. */
export const useTraining = (): TrainingState => useDashboard((s) => s.training)
/** The autonomy loop's controls and audit entries. */
export const useAgent = (): AgentState => useDashboard((s) => s.agent)
/** The donor's settings. */
export const useSettings = (): Settings => useDashboard((s) => s.settings)
/** The outcome of the last control change. */
export const useNotice = (): Notice | undefined => useDashboard((s) => s.notice)
/** The transfer form's last submission. */
export const useTransferStatus = (): TransferStatus => useDashboard((s) => s.transfer)
/** The service worker's state. */
export const usePwa = (): PwaStatus => useDashboard((s) => s.pwa)
/** This node's id, once known. */
export const useSelf = (): NodeId | undefined => useDashboard((s) => s.self)
/** Whether a node feeds the dashboard. */
export const useAttached = (): boolean => useDashboard((s) => s.attached)
/** The label of a test or replay feeding the dashboard, if one does. */
export const useReplay = (): string | undefined => useDashboard((s) => s.replay)
/** Whether the browser says it is online. */
export const useOnline = (): boolean => useDashboard((s) => s.online)
/** What the node is doing now. */
export const useActivity = (): Activity => useDashboard(activityOf)
export { useSwarm } from '../NodeContext.tsx'
