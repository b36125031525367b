import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

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
  },
  worker: { format: 'es' },
  server: { port: 5173 },
})
