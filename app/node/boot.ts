/**
 * Starts the tab's node once its swarm connection is up, with options from the URL:
 * `?job=<name>` (default `mnist-mlp`), `?backend=wasm|webgl|webgpu|cpu` to force a backend,
 * `?attack=signflip|equivocate|silent` (refused unless the job allows test attacks) and
 * `?node=off` to connect without training (the connection tests use it).
 */
import type { BackendName } from '../../shared/trainer/index.ts'
import type { SwarmClient } from '../net/swarm-client.ts'
import { NodeRuntime, type RuntimeOptions } from './runtime.ts'
import { TEST_ATTACKS } from './snapshot.ts'

const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu']

/** The runtime options in a URL's query string. */
export function optionsFromUrl(search: string): RuntimeOptions & { enabled: boolean } {
  const q = new URLSearchParams(search)
  const job = q.get('job') ?? 'mnist-mlp'
  const backend = BACKENDS.find((b) => b === q.get('backend'))
  const attack = TEST_ATTACKS.find((a) => a === q.get('attack'))
  const evalSamples = Number(q.get('eval') ?? '')
  return {
    enabled: q.get('node') !== 'off',
    jobName: /^[a-z0-9-]{1,64}$/.test(job) ? job : 'mnist-mlp',
    ...(backend === undefined ? {} : { backend }),
    ...(attack === undefined ? {} : { attack }),
    ...(Number.isInteger(evalSamples) && evalSamples > 0 ? { evalSamples } : {}),
  }
}

/** Creates the runtime and starts it when the swarm client is running. */
export function bootNode(
  client: SwarmClient,
  origin: string,
  search: string,
): NodeRuntime | undefined {
  const options = optionsFromUrl(search)
  if (!options.enabled) return undefined
  const runtime = new NodeRuntime(client)
  let started = false
  const begin = (s: SwarmClient['snapshot']) => {
    if (started || s.status !== 'running') return
    started = true
    void runtime.start(origin, options)
  }
  client.subscribe(begin)
  begin(client.snapshot)
  return runtime
}
