/**
 * Hostile input on the wire: garbage frames, forged signatures, replays of old votes and votes
 * from non-members are rejected with a counted reason and never stop consensus.
 */
import { describe, expect, it } from 'vitest'
import { generateIdentity } from '../../shared/crypto/index.ts'
import { consensusCodec } from '../../shared/consensus/index.ts'
import { encodeFrame } from '../../shared/node/wire.ts'
import { sealMessage } from '../../shared/protocol/index.ts'
import { topicFor, type HashHex, type Height, type JobId } from '../../shared/types/index.ts'
import { counterApp, counterGenesis, type CounterState } from './lib/counter-app.ts'
import { rng } from './lib/rng.ts'
import { createSwarm, disagreements, heights } from './lib/swarm.ts'

const JOB = 'c'.repeat(64) as JobId

describe('hostile input', () => {
  it('is rejected and counted while honest nodes keep agreeing', async () => {
    const swarm = createSwarm<CounterState>({
      n: 4,
      seed: 3,
      job: JOB,
      genesis: counterGenesis,
      app: () => counterApp({ job: JOB }),
    })
    swarm.start([0, 1, 2])
    const attacker = swarm.transports[3]!
    const topic = topicFor(JOB, 'consensus')
    const random = rng(99)
    let replay: Uint8Array | undefined
    swarm.transports[3]!.subscribe(topic)
    attacker.on('message', (m) => {
      if (m.topic === topic && replay === undefined) replay = m.data
    })
    const outsider = generateIdentity()
    const noise = () => {
      // Garbage of random length.
      void attacker.publish(
        topic,
        Uint8Array.from({ length: 1 + Math.floor(random() * 400) }, () =>
          Math.floor(random() * 256),
        ),
      )
      // A member's vote with one signature byte flipped.
      const h = (swarm.nodes[0]!.view.height + 1) as Height
      const base = {
        v: 1 as const,
        job: JOB,
        height: h,
        node: swarm.identities[3]!.nodeId,
        round: 0,
      }
      const forged = sealMessage(consensusCodec, swarm.identities[3]!, {
        ...base,
        type: 'prevote',
        block: 'f'.repeat(64) as HashHex,
      })
      forged[100]! ^= 0xff // inside the signature (the body comes last)
      void attacker.publish(topic, encodeFrame({ kind: 'vote', envelope: forged }))
      // A vote from a node that is no member.
      const stranger = sealMessage(consensusCodec, outsider, {
        ...base,
        node: outsider.nodeId,
        type: 'precommit',
        block: null,
      })
      void attacker.publish(topic, encodeFrame({ kind: 'vote', envelope: stranger }))
      // A replay of the first message it overheard, heights ago.
      if (replay !== undefined) void attacker.publish(topic, replay)
      swarm.clock.setTimeout(noise, 300)
    }
    noise()
    await swarm.clock.runFor(120_000, () => Math.min(...heights(swarm, [0, 1, 2])) >= 10)
    expect(Math.min(...heights(swarm, [0, 1, 2]))).toBeGreaterThanOrEqual(10)
    expect(disagreements(swarm, [0, 1, 2])).toEqual([])
    const reasons = swarm.nodes[0]!.rejections
    expect(reasons.get('frame')).toBeGreaterThan(0)
    expect(reasons.get('envelope')).toBeGreaterThan(0)
    const detail = swarm.events[0]!.filter((e) => e.type === 'rejected').map((e) =>
      e.type === 'rejected' ? e.reason : '',
    )
    expect(detail.some((r) => r.includes('bad-signature'))).toBe(true)
    expect(detail.some((r) => r.includes('unknown-signer'))).toBe(true)
  })
})
