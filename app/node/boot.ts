/**
 * Starts the tab's node once its swarm connection is up, with options from the URL:
 * `?job=<name>` (default `mnist-mlp`), `?backend=wasm|webgl|webgpu|cpu` to force a backend,
 * `?attack=signflip|noise|alie|badsig|equivocate|silent` (refused unless the job allows test attacks) and
 * `?node=off` to connect without training (the connection tests use it).
 */
import type { BackendName } from '../../shared/trainer/index.ts'
import type { SwarmClient } from '../net/swarm-client.ts'
import type { DashboardStore } from '../state/store.ts'
import { IdbStorage } from './idb-storage.ts'
import { claimSlot } from './identity.ts'
import { loadPeerKey } from './peer-key.ts'
import { TEST_ATTACKS, type RuntimeOptions } from './options.ts'
import { NodeRuntime } from './runtime.ts'

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

/** The tab's node, and how to start it with its swarm client. */
export interface Boot {
  readonly runtime: NodeRuntime | undefined
  /** Claims the identity slot, starts the swarm client with the slot's libp2p key, then the node. */
  start(): Promise<void>
}

/**
 * Creates the runtime (when the URL does not turn it off), feeding `store`, and the start
 * sequence.
 */
export function bootNode(
  client: SwarmClient,
  store: DashboardStore,
  origin: string,
  search: string,
): Boot {
  const options = optionsFromUrl(search)
  if (!options.enabled) return { runtime: undefined, start: () => client.start(origin) }
  const runtime = new NodeRuntime(client, store)
  return {
    runtime,
    start: async () => {
      const slot = await claimSlot()
      const keys = await IdbStorage.open(`swarm-node/slot/${slot}`)
      const privateKey = await loadPeerKey(keys)
      await client.start(origin, { privateKey })
      if (client.snapshot.status === 'running') await runtime.start(origin, options, slot)
    },
  }
}
