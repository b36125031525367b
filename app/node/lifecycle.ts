/**
 * The shared lifecycle (`shared/node/lifecycle`) wired to the tab: catch-up over the peers and
 * the relay's archive, the join and leave loops on the app topic, and resync. The runtime only
 * starts and stops them.
 */
import type { DilocoState } from '../../shared/chain/index.ts'
import {
  JoinService,
  LeaveService,
  ResyncService,
  catchUp,
  type CatchUpOptions,
  type CaughtUp,
  type Clock,
  type SwarmNode,
} from '../../shared/node/index.ts'
import type { NodeStatus } from '../state/types.ts'
import { checkpointSources } from './checkpoints.ts'
import type { Started } from './startup.ts'

/** The lifecycle services of one started node. */
export interface Lifecycle {
  /** The first verified checkpoint from the peers or the relay's archive. */
  readonly catchUp: (options?: CatchUpOptions) => Promise<CaughtUp | undefined>
  readonly join: JoinService
  readonly leave: LeaveService
  readonly resync: ResyncService
  /** Runs the loop of the node's choice: join until member, or leave gracefully. */
  follow(participating: boolean): void
  /** Switches between the two loops when the donor joins or leaves. */
  participate(on: boolean): void
  /** Stops both loops. */
  stop(): void
}

/** What the lifecycle reads and reports. */
export interface LifecycleHooks {
  readonly clock: Clock
  readonly origin: string
  /** Aborts when the runtime stops. */
  readonly signal: AbortSignal
  /** The swarm node now (a resync replaces it). */
  readonly node: () => SwarmNode<DilocoState> | undefined
  readonly set: (patch: Partial<NodeStatus>) => void
  /** The node left: its place in the certified state changed. */
  readonly left: () => void
  /** Stops the swarm node and starts one from `from`. */
  readonly relaunch: (from: CaughtUp) => void
}

/** The lifecycle of the node `s`. */
export function wireLifecycle(s: Started, hooks: LifecycleHooks): Lifecycle {
  const { identity, transport, app } = s
  const { clock, node, set } = hooks
  const sources = checkpointSources(transport, hooks.origin, s.id)
  const fetch = (options: CatchUpOptions = {}) =>
    catchUp(
      {
        clock,
        sources,
        genesis: s.genesis,
        params: s.params,
        onRejected: (from, reason) => set({ lastRejected: `checkpoint from ${from}: ${reason}` }),
      },
      { ...options, signal: hooks.signal },
    )
  const join = new JoinService({
    identity,
    transport,
    clock,
    node,
    onAsk: () => set({ status: 'joining' }),
  })
  const leave = new LeaveService({
    identity,
    transport,
    clock,
    node,
    submit: (leave) => {
      const n = node()
      if (n !== undefined) app.submit(leave, n.state)
    },
    onLeft: hooks.left,
  })
  const resync = new ResyncService({
    clock,
    catchUp: fetch,
    height: () => (hooks.signal.aborted ? undefined : node()?.view.height),
    relaunch: hooks.relaunch,
  })
  return {
    catchUp: fetch,
    join,
    leave,
    resync,
    follow: (participating) => (participating ? join.start() : leave.start()),
    participate(on) {
      if (on) {
        leave.stop()
        node()?.participate(true)
        join.start()
      } else {
        join.stop()
        leave.start()
      }
    },
    stop() {
      join.stop()
      leave.stop()
    },
  }
}
