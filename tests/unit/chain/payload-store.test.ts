import { describe, expect, it } from 'vitest'
import { PayloadStore } from '../../../shared/chain/payload-store.ts'
import type { AppContext } from '../../../shared/node/application.ts'
import { Cancel } from '../../../shared/node/cancel.ts'
import { updateMessage } from '../../../shared/protocol/index.ts'
import { compressedSize } from '../../../shared/training/compress/index.ts'
import type { RequestOptions, Transport } from '../../../shared/transport/index.ts'
import type { HashHex, Height, NodeId, PeerIdString } from '../../../shared/types/index.ts'
import { SIM_JOB, simParams } from '../../sim/lib/diloco-swarm.ts'

/** A transport whose requests never answer on their own: they end only when aborted. */
function setup() {
  const params = simParams(8)
  const asked: { peer: PeerIdString; options: RequestOptions }[] = []
  const transport = {
    self: 'self' as PeerIdString,
    peers: () => [],
    request: (peer: PeerIdString, _p: string, _d: Uint8Array, options: RequestOptions) => {
      asked.push({ peer, options })
      return new Promise((resolve) => {
        const aborted = () => resolve({ ok: false, reason: 'AbortError' })
        if (options.signal?.aborted === true) aborted()
        else options.signal?.addEventListener('abort', aborted)
      })
    },
  } as unknown as Transport
  const height = new Cancel()
  const ctx = { transport, signal: height.signal } as unknown as AppContext
  const update = updateMessage({
    job: SIM_JOB,
    height: 1 as Height,
    node: 'a'.repeat(64) as NodeId,
    base: '0'.repeat(64) as HashHex,
    samples: 1,
    trainLoss: 0,
    payloadHash: '1'.repeat(64) as HashHex,
    payloadBytes: compressedSize(params.compression, params.dimension),
  })
  return { store: new PayloadStore(params, () => undefined), ctx, height, asked, update }
}

describe('PayloadStore', () => {
  it('aborts a payload request when its height ends and asks no other holder', async () => {
    const { store, ctx, height, asked, update } = setup()
    const peers = ['p1', 'p2', 'p3'] as PeerIdString[]
    const fetched = store.fetch(update, peers, ctx)
    await Promise.resolve()
    expect(asked.map((a) => a.peer)).toEqual(['p1'])
    expect(asked[0]!.options.signal).toBe(ctx.signal)
    height.abort('the height ended')
    expect(await fetched).toBe(false)
    expect(asked).toHaveLength(1)
  })
})
