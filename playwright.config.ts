import { defineConfig } from '@playwright/test'

/**
 * Browser tests run in the system Chromium (Playwright cannot download its own browsers here).
 * Flags from ../shared/notes/probe-browser.md: no sandbox as root, no background networking on a
 * closed network, WebGPU reachable (a SwiftShader adapter), and real host IPs for WebRTC
 * candidates instead of mDNS names.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
]

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
})
