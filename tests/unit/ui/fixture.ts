/**
 * The recorded fixture: what node 0 of a simulated four-node DiLoCo swarm fed its dashboard over
 * 14 certified heights (see `record-fixture.ts` for how it was made), and helpers to read it.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fromJson } from '../../../app/state/json.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import type { DashboardInput } from '../../../app/state/types.ts'

// A path, not a URL: under happy-dom the global `URL` is the DOM's, which `fs` refuses.
const PATH = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'diloco-node0.json')

let cached: readonly DashboardInput[] | undefined

/** Every recorded input, in order. */
export function recorded(): readonly DashboardInput[] {
  cached ??= fromJson(readFileSync(PATH, 'utf8')) as DashboardInput[]
  return cached
}

/** The recorded inputs of one kind. */
export function ofKind<K extends DashboardInput['kind']>(
  kind: K,
): Extract<DashboardInput, { kind: K }>[] {
  return recorded().filter((i): i is Extract<DashboardInput, { kind: K }> => i.kind === kind)
}

/** The recorded node events of one type. */
export function events<T extends string>(type: T) {
  return ofKind('node')
    .map((i) => i.event)
    .filter((e): e is Extract<typeof e, { type: T }> => e.type === type)
}

/** A store that has folded the whole recording (or its first `n` inputs), labelled as a replay. */
export function fedStore(n?: number) {
  const store = createDashboardStore()
  store.dispatchAll([{ kind: 'replay', label: 'simulator recording' }, ...recorded().slice(0, n)])
  return store
}

/** The last element of a list (throws on an empty one: a fixture without it is broken). */
export function last<T>(list: readonly T[]): T {
  const x = list[list.length - 1]
  if (x === undefined) throw new Error('empty list')
  return x
}
