/**
 * Everything the tab's node reports, in one place: the dashboard store (through its `NodeFeed`),
 * the per-height metrics (`HeightRecorder`, read by `window.__swarm.metrics()`), the round
 * outcomes the autonomy loop reads (`RoundTracker`) and the recent ledger events
 * (`LedgerLog`, read by `window.__swarm.chain()`). The runtime calls it; views never do.
 */
import type { RoundsReading } from '../../shared/autonomy/index.ts'
import { isMember, type DilocoApp, type DilocoState } from '../../shared/chain/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import { HeightRecorder, type RecorderSources } from '../../shared/metrics/index.ts'
import type { NodeEvent, SwarmNode } from '../../shared/node/index.ts'
import type { NodeId } from '../../shared/types/index.ts'
import { RoundTracker } from '../autonomy/rounds.ts'
import { NodeFeed } from '../state/node-feed.ts'
import type { DashboardStore } from '../state/store.ts'
import type { NodeStatus } from '../state/types.ts'
import type { AppHooks } from './chain-node.ts'
import type { EvaluationSink } from './evaluation.ts'
import { LedgerLog, type LedgerView } from './ledger-view.ts'

/** The node's reports. */
export class NodeReporter {
  /** The writer into the dashboard store. */
  readonly feed: NodeFeed
  /** This node's round outcomes, for the autonomy loop. */
  readonly rounds = new RoundTracker()
  /** Per-height figures, for `window.__swarm.metrics()`. */
  readonly recorder: HeightRecorder
  readonly #ledgerLog = new LedgerLog()
  #swarmHeight = 0

  constructor(store: DashboardStore, sources: Omit<RecorderSources, 'now'>) {
    this.feed = new NodeFeed(store)
    this.recorder = new HeightRecorder({ now: () => performance.now(), ...sources })
    this.recorder.onTraffic((t) => this.feed.traffic(t))
  }

  /** Changes the node's status in the store (and records when each stage was first reached). */
  set(patch: Partial<NodeStatus>): void {
    this.feed.set(patch)
    if (patch.status !== undefined) this.recorder.onStatus(patch.status)
  }

  /**
   * Writes the certified state `node` holds and this node's place in it: `member` once the state
   * lists it, `left` once a member that chose to leave is out.
   */
  certified(node: SwarmNode<DilocoState>, self: NodeId, app: DilocoApp | undefined): void {
    const member = isMember(node.state, self)
    const { participating, status } = this.feed.current
    this.feed.chain(node.state, node.view.stateHash, self)
    this.set({
      status: member ? 'member' : !participating && status === 'member' ? 'left' : status,
      trainedHeights: app?.stats.trainedHeights ?? 0,
      rejected: Object.fromEntries(app?.stats.rejected ?? []),
    })
  }

  /** The chain app's hooks for this node; `maxSteps` is the H in force. */
  appHooks(identity: Identity, maxSteps: () => number | undefined): AppHooks {
    return {
      maxSteps,
      progress: this.feed.progress,
      trained: (height, metrics) => {
        this.rounds.trained(height, metrics)
        this.recorder.onTrained(height, metrics)
        this.feed.trained(height, metrics)
      },
      applied: (next, result) => {
        this.#ledgerLog.record(next, result)
        this.rounds.applied(next.height, result.quality.has(identity.nodeId))
        this.feed.ledger(next.height, result.ledgerEvents)
      },
      wrap: (trainer) => this.rounds.wrap(trainer),
    }
  }

  /** One event of the swarm node; `contributing`: the node trains now (else rounds are disturbed). */
  event(e: NodeEvent, contributing: boolean): void {
    if (e.type === 'committed' || e.type === 'synced')
      this.#swarmHeight = Math.max(this.#swarmHeight, e.height)
    this.recorder.onEvent(e)
    this.feed.event(e)
    if (!contributing) this.rounds.disturb()
  }

  /** Where evaluations of the certified model go (accuracy and loss; a failure's reason). */
  readonly evaluation: EvaluationSink = {
    evaluated: (h, r) => this.feed.evaluated(h, { accuracy: r.accuracy, loss: r.loss }),
    failed: (reason) => this.set({ lastRejected: reason }),
  }

  /** Heights (the highest this node heard of, its own) and its latest round outcomes. */
  readings(nodeHeight: number): RoundsReading {
    const swarmHeight = Math.max(this.#swarmHeight, nodeHeight)
    return { swarmHeight, nodeHeight, recent: this.rounds.recent() }
  }

  /** `state` as plain data with the recorded ledger events. */
  ledgerView(state: DilocoState): LedgerView {
    return this.#ledgerLog.view(state)
  }
}
