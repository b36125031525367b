import { describe, expect, it } from 'vitest'
import { parseConfig, usage } from '../../../relay/config.ts'
import {
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_WS_PORT,
} from '../../../relay/constants.ts'

function config(argv: string[], env: Record<string, string> = {}) {
  const r = parseConfig(argv, env)
  if (!r.ok || !('config' in r)) throw new Error(`expected a config, got ${JSON.stringify(r)}`)
  return r.config
}

function reason(argv: string[], env: Record<string, string> = {}): string {
  const r = parseConfig(argv, env)
  if (r.ok) throw new Error('expected a failure')
  return r.reason
}

describe('parseConfig', () => {
  it('gives defaults that work on localhost when nothing is set', () => {
    const c = config([])
    expect(c).toMatchObject({
      host: DEFAULT_HOST,
      httpPort: DEFAULT_HTTP_PORT,
      wsPort: DEFAULT_WS_PORT,
      dataDir: DEFAULT_DATA_DIR,
      announce: [],
    })
  })

  it('takes flags in both --name value and --name=value forms', () => {
    const c = config(['--http-port', '8000', '--ws-port=9000', '--host', '0.0.0.0'])
    expect([c.httpPort, c.wsPort, c.host]).toEqual([8000, 9000, '0.0.0.0'])
  })

  it('reads environment variables, and a flag beats its variable', () => {
    const env = { RELAY_HTTP_PORT: '7000', RELAY_DATA_DIR: '/var/lib/relay' }
    expect(config([], env)).toMatchObject({ httpPort: 7000, dataDir: '/var/lib/relay' })
    expect(config(['--http-port', '7100'], env).httpPort).toBe(7100)
  })

  it('treats an empty variable as unset', () => {
    expect(config([], { RELAY_HTTP_PORT: '' }).httpPort).toBe(DEFAULT_HTTP_PORT)
  })

  it('accepts port 0 to mean any free port', () => {
    expect(config(['--http-port', '0', '--ws-port', '0'])).toMatchObject({ httpPort: 0, wsPort: 0 })
  })

  it('rejects ports that are not integers in range, naming the option', () => {
    expect(reason(['--http-port', '70000'])).toMatch(/--http-port .*0 to 65535.*"70000"/)
    expect(reason(['--ws-port', '12ab'])).toMatch(/--ws-port/)
    expect(reason([], { RELAY_WS_PORT: '-1' })).toMatch(/RELAY_WS_PORT/)
  })

  it('rejects the same port for HTTP and WebSockets', () => {
    expect(reason(['--http-port', '8000', '--ws-port', '8000'])).toMatch(/must differ/)
  })

  it('rejects unknown options and options without a value', () => {
    expect(reason(['--nope'])).toMatch(/unknown option "--nope"/)
    expect(reason(['--http-port'])).toMatch(/needs a value/)
  })

  it('splits announce addresses and rejects ones that are not multiaddrs', () => {
    expect(
      config(['--announce', '/dns4/a.example/tcp/443/wss, /ip4/1.2.3.4/tcp/9090/ws']).announce,
    ).toEqual(['/dns4/a.example/tcp/443/wss', '/ip4/1.2.3.4/tcp/9090/ws'])
    expect(reason(['--announce', 'example.org'])).toMatch(/not a multiaddr/)
  })

  it('rejects a host with characters no address has', () => {
    expect(reason(['--host', 'a b'])).toMatch(/invalid host/)
  })

  it('answers --help with the help request, and the usage names every variable', () => {
    expect(parseConfig(['--help'], {})).toEqual({ ok: true, help: true })
    for (const name of ['RELAY_HOST', 'RELAY_HTTP_PORT', 'RELAY_WS_PORT', 'RELAY_DATA_DIR']) {
      expect(usage()).toContain(name)
    }
  })
})
