/** What WebGPU adapter this device offers, so a software fallback is recognised as one. */

/** The adapter facts the backend choice uses. */
export interface AdapterFacts {
  readonly available: boolean
  /** A software adapter (SwiftShader and the like): far slower than wasm for our models. */
  readonly fallback: boolean
  readonly description: string
}

interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean
  readonly info?: {
    vendor?: string
    architecture?: string
    description?: string
    isFallbackAdapter?: boolean
  }
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>
}

/** Asks `navigator.gpu` for the adapter tfjs would get (high-performance preference). */
export async function describeWebGpuAdapter(): Promise<AdapterFacts> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu
  if (gpu === undefined)
    return { available: false, fallback: false, description: 'navigator.gpu is missing' }
  let adapter: GpuAdapterLike | null
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' })
  } catch (err) {
    return {
      available: false,
      fallback: false,
      description: `requestAdapter() failed: ${(err as Error).message}`,
    }
  }
  if (adapter === null)
    return { available: false, fallback: false, description: 'requestAdapter() returned null' }
  const info = adapter.info ?? {}
  const text = [info.vendor, info.architecture, info.description]
    .filter((s) => s !== undefined && s !== '')
    .join(' ')
  const fallback =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    /swiftshader|software/i.test(text)
  return { available: true, fallback, description: text === '' ? 'unnamed adapter' : text }
}
