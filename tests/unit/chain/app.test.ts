import { describe, expect, it } from 'vitest'
import { DilocoApp, genesisState } from '../../../shared/chain/index.ts'
import { BlockApplyError } from '../../../shared/chain/errors.ts'
import { encodeBlock } from '../../../shared/chain/block.ts'
import type { AppContext } from '../../../shared/node/application.ts'
import type { Certificate } from '../../../shared/consensus/index.ts'
import type { HashHex, Height } from '../../../shared/types/index.ts'
import { SIM_JOB, simParams } from '../../sim/lib/diloco-swarm.ts'
import { simIdentity } from '../../sim/lib/swarm.ts'
import { simPeerId } from '../../sim/lib/network.ts'

function setup() {
  const identity = simIdentity(1, 0)
  const member = { node: identity.nodeId, publicKey: identity.publicKey, peer: simPeerId(0) }
  const state = genesisState(SIM_JOB, new Float32Array(8), [member])
  const app = new DilocoApp({ params: simParams(8), identity })
  // Applying a block that does not decode or check never reaches the network or the clock.
  const ctx = {} as AppContext
  const cert: Certificate = {
    height: 1 as Height,
    round: 0,
    block: '0'.repeat(64) as HashHex,
    precommits: [],
  }
  return { app, state, ctx, cert }
}

describe('DilocoApp', () => {
  it('throws a BlockApplyError for a certified block it cannot decode', async () => {
    const { app, state, ctx, cert } = setup()
    await expect(app.applyBlock(state, new Uint8Array([1, 2, 3]), cert, ctx)).rejects.toThrow(
      BlockApplyError,
    )
  })

  it('throws a BlockApplyError, named, for a block on another state', async () => {
    const { app, state, ctx, cert } = setup()
    const zero = '0'.repeat(64) as HashHex
    const block = encodeBlock({
      height: 1 as Height,
      prev: zero,
      proposer: state.members[0]!.node,
      base: zero,
      updates: [],
      joins: [],
      leaves: [],
      evidence: [],
      transfers: [],
      lastCommit: new Uint8Array(0),
      next: zero,
    })
    await expect(app.applyBlock(state, block, cert, ctx)).rejects.toMatchObject({
      name: 'BlockApplyError',
    })
  })
})
