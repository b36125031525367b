/**
 * Leave gracefully: a member submits a signed `leave` to its own mempool and publishes it every
 * `JOIN_RETRY_MS`, and keeps voting until a certified block removes it (so a small swarm never
 * loses its quorum to the departure); then it stops taking part (`participate(false)`). A node
 * that is not a member, or the last one, stops taking part at once.
 */
import { sealLeave } from '../../chain/join.ts'
import { isMember } from '../../chain/members.ts'
import type { Identity } from '../../crypto/index.ts'
import type { Transport } from '../../transport/index.ts'
import { topicFor, type AbortSignalLike } from '../../types/index.ts'
import type { Clock } from '../clock.ts'
import { JOIN_RETRY_MS } from './constants.ts'
import type { FollowingNode } from './join.ts'
import { LoopService } from './service.ts'
import { sleep } from './sleep.ts'

/** The part of a `SwarmNode` the leave loop drives. */
export interface LeavingNode extends FollowingNode {
  participate(on: boolean): void
}

/** What the leave loop needs. */
export interface LeaveComponents {
  readonly identity: Identity
  readonly transport: Pick<Transport, 'publish'>
  readonly clock: Clock
  /** The node now (a resync replaces it; `undefined`: none runs). */
  node(): LeavingNode | undefined
  /** Puts the leave in this node's own mempool, so its next proposal carries it too. */
  submit(leave: Uint8Array): void
  /** Called once the node stopped taking part. */
  readonly onLeft?: () => void
}

/** Options of the leave loop. */
export interface LeaveInit {
  /** Between two publishes of the leave, ms (default `JOIN_RETRY_MS`). */
  readonly retryMs?: number
}

/** Leaves the swarm: until a block removes this node, then goes quiet. */
export class LeaveService extends LoopService {
  readonly #c: LeaveComponents
  readonly #retryMs: number

  constructor(components: LeaveComponents, init: LeaveInit = {}) {
    super()
    this.#c = components
    this.#retryMs = init.retryMs ?? JOIN_RETRY_MS
  }

  protected override async run(signal: AbortSignalLike): Promise<void> {
    const { identity, transport, clock } = this.#c
    let node = this.#c.node()
    if (node === undefined) return
    const member = (n: FollowingNode) =>
      isMember(n.view, identity.nodeId) && n.view.members.length > 1
    while (!signal.aborted && member(node)) {
      const leave = sealLeave(identity, node.job, node.view.height)
      this.#c.submit(leave)
      void transport.publish(topicFor(node.job, 'app'), leave, { signal }).catch(() => undefined)
      await sleep(clock, this.#retryMs, signal)
      node = this.#c.node() ?? node
    }
    if (signal.aborted) return
    node.participate(false)
    this.#c.onLeft?.()
  }
}
