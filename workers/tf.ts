/**
 * The one place tfjs is imported: the union package (ops, gradients, cpu and webgl backends)
 * plus the wasm and WebGPU backends. In Node only cpu and wasm register.
 */
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import '@tensorflow/tfjs-backend-webgpu'

export { tf }
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
