import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { DATA_CACHE_NAME } from './workers/constants.ts'

const page = (name: string): string => fileURLToPath(new URL(`./app/${name}`, import.meta.url))

export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [
    react(),
    // The service worker (Workbox, generated at build time): precaches the app shell, the trainer
    // worker and tfjs' wasm files and the job manifests; the MNIST data is kept by the trainer
    // worker when it first downloads it (workers/data/cached-bytes.ts), so the app starts and
    // trains offline after one visit that loaded it. `prompt`: a new version waits for the
    // donor's consent (see app/pwa/).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // public/manifest.webmanifest is the manifest; index.html links it.
      manifest: false,
      workbox: {
        // Not the datasets: precaching them downloads 11 MB a second time on a first visit, in
        // parallel with the trainer worker, which the installing service worker does not control.
        globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest}', 'jobs/*.json'],
        // The trainer lab is a developer page; it stays online-only.
        globIgnores: ['lab.html', 'assets/lab-*', 'assets/baseline.worker-*'],
        // tfjs' threaded wasm is about 10 MB.
        maximumFileSizeToCacheInBytes: 24 * 1024 * 1024,
        // A page's requests for a dataset read the trainer worker's copy (same cache), and keep
        // one where the worker had none. Same-origin only: the pattern is not anchored at 0.
        runtimeCaching: [
          {
            urlPattern: /\/data\/[^/]+\.gz$/,
            handler: 'CacheFirst',
            options: { cacheName: DATA_CACHE_NAME, cacheableResponse: { statuses: [200] } },
          },
        ],
        navigateFallback: 'index.html',
        // The relay's own endpoints and the lab are never answered from the cache.
        navigateFallbackDenylist: [/^\/api\//, /^\/health$/, /^\/metrics$/, /^\/lab/],
        cleanupOutdatedCaches: true,
        // The first install takes charge of the open page at once (it serves the same files), so
        // even a first visit can go offline and be offered the next version without a reload.
        clientsClaim: true,
      },
    }),
  ],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2023',
    // The default minifier (oxc) breaks tfjs' threaded wasm glue ("e is not defined");
    // see ../shared/notes/probe-browser.md.
    minify: 'esbuild',
    chunkSizeWarningLimit: 4096,
    // Two pages: the node (index.html) and the trainer lab (lab.html, developers and tests).
    rolldownOptions: { input: { main: page('index.html'), lab: page('lab.html') } },
  },
  worker: { format: 'es' },
  server: { port: 5173 },
})
