import { describe, expect, it } from 'vitest'
import { isLoopbackHost, parseWsAddr, selectBrowserAddrs } from '../../../relay/addresses.ts'

const ID = '12D3KooWEwjtPjwN5hi6Qzb43ZE1ypyg9pHzxysAr79pLtFurdmi'
const loop = `/ip4/127.0.0.1/tcp/9090/ws/p2p/${ID}`
const lan = `/ip4/192.168.1.20/tcp/9090/ws/p2p/${ID}`
const tcp = `/ip4/192.168.1.20/tcp/4001/p2p/${ID}`
const wss = `/dns4/relay.example.org/tcp/443/wss/p2p/${ID}`

describe('parseWsAddr', () => {
  it('parses ws and wss addresses and ignores other transports', () => {
    expect(parseWsAddr(loop)).toMatchObject({ host: '127.0.0.1', secure: false })
    expect(parseWsAddr(wss)).toMatchObject({ host: 'relay.example.org', secure: true })
    expect(parseWsAddr(`/ip4/1.2.3.4/tcp/443/tls/ws/p2p/${ID}`)?.secure).toBe(true)
    expect(parseWsAddr(tcp)).toBeUndefined()
    expect(parseWsAddr(`${loop}/p2p-circuit/webrtc`)).toBeUndefined()
  })
})

describe('isLoopbackHost', () => {
  it('recognises loopback names and addresses only', () => {
    expect(['localhost', '127.0.0.1', '127.5.0.9', '::1'].every(isLoopbackHost)).toBe(true)
    expect(['192.168.1.20', 'example.org', '128.0.0.1'].some(isLoopbackHost)).toBe(false)
  })
})

describe('selectBrowserAddrs', () => {
  it('keeps only WebSockets addresses', () => {
    expect(selectBrowserAddrs([tcp, loop], [], { hostname: 'localhost', secure: false })).toEqual([
      loop,
    ])
  })

  it('puts the address on the page host first', () => {
    const out = selectBrowserAddrs([loop, lan], [], { hostname: '192.168.1.20', secure: false })
    expect(out).toEqual([lan])
  })

  it('offers loopback to a page loaded from loopback, before other interfaces', () => {
    const out = selectBrowserAddrs([lan, loop], [], { hostname: 'localhost', secure: false })
    expect(out).toEqual([loop, lan])
  })

  it('never offers ws:// to an https page (mixed content)', () => {
    const out = selectBrowserAddrs([loop, lan], [wss], {
      hostname: 'relay.example.org',
      secure: true,
    })
    expect(out).toEqual([wss])
  })

  it('puts announced addresses first and drops duplicates', () => {
    const out = selectBrowserAddrs([lan, wss], [wss], { hostname: '192.168.1.20', secure: false })
    expect(out).toEqual([wss, lan])
  })

  it('returns nothing when no address suits the page', () => {
    expect(selectBrowserAddrs([loop], [], { hostname: 'relay.example.org', secure: true })).toEqual(
      [],
    )
  })
})
