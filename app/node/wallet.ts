/**
 * The node's wallet: signs a transfer from this node with the next free nonce (counting the ones
 * still in its mempool), queues it in its own chain app and publishes it; a later block settles
 * it, or skips it deterministically.
 */
import type { DilocoApp, DilocoState } from '../../shared/chain/index.ts'
import type { Identity } from '../../shared/crypto/index.ts'
import { balanceOf, nonceOf, sealTransfer, transferMessage } from '../../shared/ledger/index.ts'
import type { ChainView } from '../../shared/node/index.ts'
import type { Transport } from '../../shared/transport/index.ts'
import {
  topicFor,
  type JobId,
  type NodeId,
  type Result,
  type TokenAmount,
} from '../../shared/types/index.ts'

/** What a transfer needs of the running node. */
export interface WalletParts {
  readonly identity: Identity
  readonly app: DilocoApp
  readonly transport: Pick<Transport, 'publish'>
  readonly node: { readonly job: JobId; readonly state: DilocoState; readonly view: ChainView }
}

/**
 * Signs, queues and publishes a transfer of `amount` to `to`; refused with the reason. `parts`
 * is undefined while no node runs; `participating` is false after the donor left.
 */
export async function sendTransfer(
  parts: WalletParts | undefined,
  participating: boolean,
  to: NodeId,
  amount: TokenAmount,
): Promise<Result<void>> {
  if (parts === undefined) return { ok: false, reason: 'the node is not running' }
  if (!participating) return { ok: false, reason: 'this node left the swarm; join again to send' }
  const { identity, app, transport, node } = parts
  const ledger = node.state.ledger
  if (balanceOf(ledger, identity.nodeId) < amount)
    return { ok: false, reason: 'the balance is lower than the amount' }
  const nonce = nonceOf(ledger, identity.nodeId) + BigInt(app.pendingTransfersFrom(identity.nodeId))
  const bytes = sealTransfer(
    identity,
    transferMessage({
      job: node.job,
      height: node.view.height,
      node: identity.nodeId,
      to,
      amount,
      nonce,
    }),
  )
  const queued = app.submit(bytes)
  if (!queued.ok) return queued
  await transport.publish(topicFor(node.job, 'app'), bytes).catch(() => undefined)
  return { ok: true, value: undefined }
}
