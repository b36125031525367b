/**
 * Where the wasm backend finds its binaries, in dev and in the build alike: Vite's `?url`
 * imports copy each `.wasm` into the build with a content hash and give its URL. Browser only.
 *
 * @remarks
 * Threads are switched off: they need COOP/COEP headers, gain nothing on small machines, and the
 * threaded glue hangs `setBackend('wasm')` after some minifiers (notes/probe-browser.md). All three
 * names must be mapped for `setWasmPaths`, though only the plain and SIMD binaries are ever used.
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import { setWasmPaths, tf } from './tf.ts'

let configured = false

/** Points the wasm backend at the bundled binaries and disables threads; idempotent. */
export function configureWasm(): void {
  if (configured) return
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  })
  configured = true
}
