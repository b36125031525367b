/** The relay's HTTP layer in-process: the built app, client-side routes, caching, `/metrics`. */
import { describe, expect, it } from 'vitest'
import { setup } from './http-fixture.ts'

const APP = {
  'index.html': '<!doctype html><title>app</title>',
  'assets/index-abc123.js': 'console.log(1)',
  'data/set.bin.gz': 'gz',
  '.secret': 'do not serve',
}

describe('static files', () => {
  it('serves files with their type, hashed assets for good and the rest revalidated', async () => {
    const { href } = await setup(APP)
    const page = await fetch(href('/'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>app</title>')
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('cache-control')).toBe('no-cache')
    const asset = await fetch(href('/assets/index-abc123.js'))
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    await asset.arrayBuffer()
  })

  it('answers client-side routes with the app and missing assets with 404', async () => {
    const { href } = await setup(APP)
    const route = await fetch(href('/lab'))
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>app</title>')
    expect((await fetch(href('/assets/missing.js'))).status).toBe(404)
    // Dotfiles are never served; without an extension the path reads as a route.
    expect(await (await fetch(href('/.secret'))).text()).not.toContain('do not serve')
  })

  it('says the app is not built when there is no index.html', async () => {
    const { href } = await setup({})
    const res = await fetch(href('/'))
    expect(res.status).toBe(503)
    expect(await res.text()).toMatch(/not built/)
  })

  it('counts full GET downloads of dataset files, not HEAD requests', async () => {
    const { href, metrics } = await setup(APP)
    await (await fetch(href('/data/set.bin.gz'))).arrayBuffer()
    await (await fetch(href('/data/set.bin.gz'), { method: 'HEAD' })).arrayBuffer()
    expect(await metrics.get('dataset_downloads_total', { file: 'set.bin.gz' })).toBe(1)
  })
})

describe('/metrics', () => {
  it('lists every metric with its help text and type, in the registry content type', async () => {
    const { href } = await setup(APP)
    expect((await fetch(href('/nope.js'))).status).toBe(404)
    const res = await fetch(href('/metrics'))
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toMatch(/^# HELP relay_http_rejected_total .+$/m)
    expect(text).toMatch(/^# TYPE relay_http_rejected_total counter$/m)
    expect(text).toMatch(/^relay_http_rejected_total\{reason="not found"\} 1$/m)
    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m)
  })
})

describe('security headers', () => {
  it('sends a CSP that lets the app reach itself and the relay only, and forbids framing', async () => {
    const { href } = await setup(APP)
    for (const path of ['/', '/assets/index-abc123.js', '/api/bootstrap', '/nope.js']) {
      const res = await fetch(href(path))
      await res.arrayBuffer()
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
      expect(csp).toContain("connect-src 'self' ws://127.0.0.1:9999")
      expect(csp).not.toMatch(/connect-src[^;]* ws: /)
      expect(csp).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })
})
