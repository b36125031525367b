import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const page = (name: string): string => fileURLToPath(new URL(`./app/${name}`, import.meta.url))

export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [react()],
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
