/**
 * Join until member: a node that is not in the certified membership publishes a signed `join` on
 * the job's app topic every `JOIN_RETRY_MS` until a certified state lists it. Gossip may drop a
 * join and a block admits a bounded number per height, so asking once is not enough.
 */
import { sealJoin } from '../../chain/join.ts'
import { isMember } from '../../chain/members.ts'
import type { Identity } from '../../crypto/index.ts'
import type { Transport } from '../../transport/index.ts'
import { topicFor, type AbortSignalLike, type JobId } from '../../types/index.ts'
import type { ChainView } from '../application.ts'
import type { Clock } from '../clock.ts'
import { JOIN_RETRY_MS } from './constants.ts'
import { LoopService } from './service.ts'
import { sleep } from './sleep.ts'

/** The part of a `SwarmNode` the membership loops read. */
export interface FollowingNode {
  readonly job: JobId
  /** The latest certified state's view (height, members). */
  readonly view: ChainView
}

/** What the join loop needs. */
export interface JoinComponents {
  readonly identity: Identity
  readonly transport: Pick<Transport, 'self' | 'publish'>
  readonly clock: Clock
  /** The node now (a resync replaces it; `undefined`: none runs). */
  node(): FollowingNode | undefined
  /** Called before each ask (the app shows "joining"). */
  readonly onAsk?: () => void
}

/** Options of the join loop. */
export interface JoinInit {
  /** Between two asks, ms (default `JOIN_RETRY_MS`). */
  readonly retryMs?: number
}

/** Asks to join until the certified state lists this node. */
export class JoinService extends LoopService {
  readonly #c: JoinComponents
  readonly #retryMs: number

  constructor(components: JoinComponents, init: JoinInit = {}) {
    super()
    this.#c = components
    this.#retryMs = init.retryMs ?? JOIN_RETRY_MS
  }

  protected override async run(signal: AbortSignalLike): Promise<void> {
    const { identity, transport, clock } = this.#c
    let node = this.#c.node()
    while (node !== undefined && !signal.aborted && !isMember(node.view, identity.nodeId)) {
      this.#c.onAsk?.()
      const join = sealJoin(identity, node.job, node.view.height, transport.self)
      void transport.publish(topicFor(node.job, 'app'), join, { signal }).catch(() => undefined)
      await sleep(clock, this.#retryMs, signal)
      node = this.#c.node() ?? node
    }
  }
}
