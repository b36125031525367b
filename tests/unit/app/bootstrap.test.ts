import { describe, expect, it } from 'vitest'
import { parseBootstrap } from '../../../app/net/bootstrap.ts'

const ID = '12D3KooWEwjtPjwN5hi6Qzb43ZE1ypyg9pHzxysAr79pLtFurdmi'
const ADDR = `/ip4/127.0.0.1/tcp/9090/ws/p2p/${ID}`

describe('parseBootstrap', () => {
  it('accepts the relay answer and keeps addresses of that relay', () => {
    const r = parseBootstrap({ peerId: ID, multiaddrs: [ADDR, '/ip4/1.1.1.1/tcp/1/ws/p2p/other'] })
    expect(r).toEqual({ ok: true, value: { relayPeerId: ID, multiaddrs: [ADDR] } })
  })

  it('rejects bodies that are not objects, bad peer ids and bad address lists with a reason', () => {
    expect(parseBootstrap('x')).toMatchObject({ ok: false, reason: 'not a JSON object' })
    expect(parseBootstrap({ peerId: 'nope', multiaddrs: [ADDR] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/bad relay peer id/) as unknown,
    })
    expect(parseBootstrap({ peerId: ID, multiaddrs: [42] })).toMatchObject({ ok: false })
    expect(parseBootstrap({ peerId: ID, multiaddrs: [] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no address/) as unknown,
    })
  })
})
