/**
 * The dashboard's state and the inputs that change it.
 *
 * @remarks
 * Everything the views show is a function of a `DashboardState`, and a `DashboardState` is a fold
 * of `DashboardInput`s: the node's events, the swarm client's snapshots, the trainer's reports, the
 * ledger's events, the autonomy loop's audit entries and the user's settings. Slices that an input
 * does not touch keep their identity, so a view that reads one slice re-renders only when it changes.
 */
import type { AuditEntry, Controls } from '../../shared/autonomy/index.ts'
import type { LedgerEvent, TransferSkipReason } from '../../shared/ledger/index.ts'
import type { NodeEvent, Phase } from '../../shared/node/index.ts'
import type {
  BackendReport,
  EvalResult,
  TrainMetrics,
  TrainProgress,
} from '../../shared/trainer/index.ts'
import type { HashHex, NodeId, TokenAmount } from '../../shared/types/index.ts'
import type { SwarmSnapshot } from '../net/swarm-client.ts'
import type { TestAttack } from '../node/options.ts'
import type { Settings } from './settings.ts'

/** A member of the swarm as the certified state records it. */
export interface MemberRow {
  readonly node: NodeId
  /** Its libp2p peer id (joins a member to a row of the peer table). */
  readonly peer: string
  /** The height from which it votes. */
  readonly since: number
  /** The last height at which it contributed an update or a vote. */
  readonly lastSeen: number
}

/**
 * What the dashboard needs of a certified state S_h (no weights: see `chainSummary`). A source
 * that does not know a part leaves it out, and the views show it as unknown.
 */
export interface ChainSummary {
  readonly height: number
  readonly stateHash: HashHex
  /** This node's balance in micro-rUv (0 without an account). */
  readonly balance: TokenAmount
  /** This node is a member of S_h (it votes on h + 1). */
  readonly member: boolean
  readonly memberCount: number
  /** The members, sorted by node id, when the source reports them. */
  readonly members?: readonly MemberRow[]
  /** Everything minted and burned, when the source reports it. */
  readonly supply?: { readonly minted: TokenAmount; readonly burned: TokenAmount }
}

/** The trainer's backend choice as the dashboard shows it (a `BackendReport` is one). */
export type BackendSummary = Pick<BackendReport, 'chosen' | 'reason'> & Partial<BackendReport>

/** An evaluation of the shared model on the test set (an `EvalResult` is one). */
export type EvalSummary = Pick<EvalResult, 'accuracy' | 'loss'> & Partial<EvalResult>

/** Every input the store folds, keyed on `kind`. */
export type DashboardInput =
  /** Who this node is (its node id once the identity is loaded). */
  | { readonly kind: 'identity'; readonly nodeId: NodeId }
  /** A node now feeds this store; `false` when it stops. */
  | { readonly kind: 'attached'; readonly attached: boolean }
  | { readonly kind: 'node'; readonly event: NodeEvent }
  /** What the tab's runtime says of itself (stage, job, controls in force, counters). */
  | { readonly kind: 'status'; readonly patch: Partial<NodeStatus> }
  | { readonly kind: 'chain'; readonly summary: ChainSummary }
  /** What the ledger did at one height, in the order it applied it. */
  | { readonly kind: 'ledger'; readonly height: number; readonly events: readonly LedgerEvent[] }
  | { readonly kind: 'swarm'; readonly snapshot: SwarmSnapshot }
  | { readonly kind: 'online'; readonly online: boolean }
  | { readonly kind: 'backend'; readonly report: BackendSummary }
  | {
      readonly kind: 'progress'
      readonly height: number
      readonly progress: TrainProgress
    }
  | { readonly kind: 'trained'; readonly height: number; readonly metrics: TrainMetrics }
  | { readonly kind: 'evaluated'; readonly height: number; readonly result: EvalSummary }
  /** Bytes this node sent and received for one height (updates, payloads, votes). */
  | {
      readonly kind: 'traffic'
      readonly height: number
      readonly sentBytes: number
      readonly receivedBytes: number
    }
  /** The controls in force, as the autonomy loop applied them. */
  | { readonly kind: 'controls'; readonly controls: Controls }
  | { readonly kind: 'audit'; readonly entry: AuditEntry }
  | { readonly kind: 'settings'; readonly settings: Settings }
  /** The node takes the donor's controls (its port is connected), or no longer does. */
  | { readonly kind: 'controllable'; readonly controllable: boolean }
  /** The outcome of a user action, shown next to the controls. */
  | { readonly kind: 'notice'; readonly notice: Notice | undefined }
  | { readonly kind: 'transfer'; readonly status: TransferStatus }
  | { readonly kind: 'pwa'; readonly pwa: Partial<PwaStatus> }
  /** What the node does while it starts (loading data, finding the founder…); none once running. */
  | { readonly kind: 'startup'; readonly text: string | undefined; readonly error?: string }
  /** Marks the state as fed by a test or a replay, not by this tab's node. */
  | { readonly kind: 'replay'; readonly label: string }

/** Where the tab's node is in its life. */
export type NodeStage =
  | 'starting'
  | 'loading'
  | 'genesis'
  | 'syncing'
  | 'joining'
  | 'member'
  | 'error'
  | 'stopped'
  | 'left'

/** What only the tab's runtime knows of itself; the rest of its state is in the other slices. */
export interface NodeStatus {
  readonly status: NodeStage
  readonly error?: string
  /** The data loading step, while the trainer loads. */
  readonly loading?: string
  readonly jobId?: string
  readonly jobName?: string
  readonly founder?: string
  readonly attack?: TestAttack
  /** The latest input this node refused that is not a consensus message (a checkpoint, an evaluation). */
  readonly lastRejected?: string
  /** Inputs the chain app refused (updates, joins, payloads), counted by reason. */
  readonly rejected: Readonly<Record<string, number>>
  /** Heights this node trained for. */
  readonly trainedHeights: number
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
  /** The latest heights this node committed, with their state hashes, oldest first. */
  readonly committed: readonly {
    readonly height: number
    readonly round: number
    readonly stateHash: string
  }[]
}

/** A short message about the last user action. */
export interface Notice {
  readonly tone: 'info' | 'error'
  readonly text: string
}

/** The transfer form's last submission. */
export type TransferStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'sending'; readonly to: NodeId; readonly amount: TokenAmount }
  | { readonly state: 'sent'; readonly to: NodeId; readonly amount: TokenAmount }
  | { readonly state: 'failed'; readonly reason: string }

/** The service worker's state. */
export interface PwaStatus {
  /** A service worker controls or will control this page. */
  readonly registered: boolean
  /** The app shell and datasets are cached: the app starts offline. */
  readonly offlineReady: boolean
  /** A new version is installed and waits for the user to reload. */
  readonly needRefresh: boolean
  /** The browser offers to install the app (it fired `beforeinstallprompt`), and it is not yet. */
  readonly installable: boolean
  /** The app was installed from this page (`appinstalled`). */
  readonly installed: boolean
  readonly error?: string
}

/** One certificate: a quorum's precommits for a block. */
export interface CertificateRow {
  readonly height: number
  readonly round: number
  readonly block: HashHex
  readonly stateHash: HashHex
  readonly voters: number
  readonly latencyMs: number | undefined
  /** Learned from a peer (sync) rather than voted on here. */
  readonly synced: boolean
}

/** One height on the timeline. */
export interface HeightRecord {
  readonly height: number
  readonly members: number
  /** Node clock time the height started here, ms. */
  readonly startedAt: number | undefined
  readonly committedAt: number | undefined
  /** Highest round reached (0: decided in the first round). */
  readonly rounds: number
  readonly outcome: 'pending' | 'committed' | 'synced'
  readonly invalidProposals: number
  readonly evidence: number
}

/** Consensus at a glance. */
export interface ConsensusState {
  /** The height being decided now. */
  readonly height: number | undefined
  readonly members: number
  readonly round: number
  readonly phase: Phase | undefined
  readonly proposer: NodeId | undefined
  readonly proposal:
    { readonly block: HashHex; readonly valid: boolean; readonly reason?: string } | undefined
  readonly prevotes: number
  readonly precommits: number
  readonly quorum: number
  /** The highest height this node has certified. */
  readonly committedHeight: number
  readonly certificates: readonly CertificateRow[]
  readonly timeline: readonly HeightRecord[]
  readonly evidence: readonly {
    readonly height: number
    readonly node: NodeId
    readonly kind: string
  }[]
  readonly rejected: { readonly total: number; readonly last: string | undefined }
}

/** This node's token movements at one height. */
export interface EarningRow {
  readonly height: number
  /** Update, proposer and voter rewards. */
  readonly rewards: TokenAmount
  readonly slashed: TokenAmount
  /** Samples of its update included at this height (0 if none was). */
  readonly samples: number
}

/** A transfer that touches this node, settled or skipped. */
export interface TransferRow {
  readonly height: number
  readonly from: NodeId
  readonly to: NodeId
  readonly amount: bigint
  readonly skipped: TransferSkipReason | undefined
}

/** Tokens and membership, from the certified state and the ledger's events. */
export interface ChainState {
  readonly summary: ChainSummary | undefined
  readonly earnings: readonly EarningRow[]
  readonly transfers: readonly TransferRow[]
  /** The quality of each node's last included update, parts per million. */
  readonly quality: Readonly<Record<string, { readonly height: number; readonly ppm: number }>>
  /** Total samples of this node's updates that blocks included. */
  readonly samplesIncluded: number
}

/** One finished round of local training. */
export interface RoundRow {
  readonly height: number
  readonly steps: number
  readonly samples: number
  readonly meanLoss: number
  readonly elapsedMs: number
  readonly computeMs: number
}

/** The trainer at a glance. */
export interface TrainingState {
  readonly backend: BackendSummary | undefined
  /** The round in progress, if one is. */
  readonly current: { readonly height: number; readonly progress: TrainProgress } | undefined
  readonly rounds: readonly RoundRow[]
  readonly evals: readonly ({ readonly height: number } & EvalSummary)[]
  readonly traffic: readonly {
    readonly height: number
    readonly sentBytes: number
    readonly receivedBytes: number
  }[]
  readonly samplesTrained: number
}

/** The autonomy loop at a glance. */
export interface AgentState {
  readonly controls: Controls | undefined
  /** Newest last. */
  readonly entries: readonly AuditEntry[]
}

/** Everything the dashboard shows. */
export interface DashboardState {
  readonly self: NodeId | undefined
  /** A node feeds this store (false before it starts, after it stops or failed). */
  readonly attached: boolean
  /** What the tab's runtime says of itself. */
  readonly node: NodeStatus
  /** What the node does while it starts, if it is starting. */
  readonly startup: string | undefined
  /** Why the node stopped, if it failed. */
  readonly nodeError: string | undefined
  /** Set when a test or a replay fed the store: the views say so. */
  readonly replay: string | undefined
  readonly online: boolean
  readonly swarm: SwarmSnapshot
  readonly consensus: ConsensusState
  readonly chain: ChainState
  readonly training: TrainingState
  readonly agent: AgentState
  readonly settings: Settings
  /** The node applies the settings (until then they are only stored). */
  readonly controllable: boolean
  readonly notice: Notice | undefined
  readonly transfer: TransferStatus
  readonly pwa: PwaStatus
}
