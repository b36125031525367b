/** Switching tfjs to a backend safely: with a timeout, and checking where tfjs really is. */
import type { BackendName } from '../../shared/trainer/index.ts'
import { SET_BACKEND_TIMEOUT_MS } from '../constants.ts'
import { BackendError } from '../errors.ts'
import { withTimeout } from '../platform.ts'
import { tf } from '../tf.ts'

/** Whether tfjs has a factory for the backend in this environment (Node has no webgl/webgpu). */
export function isRegistered(name: BackendName): boolean {
  return tf.findBackendFactory(name) !== null
}

/** Kernels `kernels` that the backend does not implement. */
export function missingKernels(name: BackendName, kernels: readonly string[]): string[] {
  return kernels.filter((k) => tf.getKernel(k, name) === undefined)
}

/**
 * Makes `name` the active backend or throws `BackendError`. `tf.setBackend` can resolve `false`,
 * hang (threaded wasm), or leave tfjs on another backend; all three are caught here.
 */
export async function activateBackend(
  name: BackendName,
  timeoutMs = SET_BACKEND_TIMEOUT_MS,
): Promise<void> {
  if (tf.getBackend() === name) return
  if (!isRegistered(name)) throw new BackendError(`${name}: not available in this environment`)
  let ok: boolean
  try {
    ok = await withTimeout(tf.setBackend(name), timeoutMs, `setBackend('${name}')`)
  } catch (err) {
    throw new BackendError(`${name}: ${(err as Error).message}`)
  }
  const active = tf.getBackend() as string | undefined
  if (!ok || active !== name) {
    throw new BackendError(`${name}: failed to initialise (tfjs is on ${active ?? 'no backend'})`)
  }
}
