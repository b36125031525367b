/**
 * One `NodeContext` for the whole app. It holds the dashboard store and the action functions;
 * hooks subscribe to the store and return snapshots, so components never reach into the network
 * or the worker themselves (see `state/`).
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { SwarmSnapshot } from './net/swarm-client.ts'
import type { DashboardActions } from './state/actions.ts'
import type { DashboardStore } from './state/store.ts'
import type { DashboardState } from './state/types.ts'

/** What the context carries. */
export interface NodeHandle {
  readonly store: DashboardStore
  readonly actions: DashboardActions
}

const NodeContext = createContext<NodeHandle | null>(null)

/** Provides the store and the actions to the component tree. */
export function NodeProvider({ store, actions, children }: NodeHandle & { children: ReactNode }) {
  return <NodeContext.Provider value={{ store, actions }}>{children}</NodeContext.Provider>
}

/** The store and actions; throws when used outside `NodeProvider`. */
export function useNode(): NodeHandle {
  const handle = useContext(NodeContext)
  if (handle === null) throw new Error('useNode() must be used inside <NodeProvider>')
  return handle
}

/**
 * A part of the dashboard state; re-renders when it changes. `select` must return a part of the
 * state as it is (a slice or a primitive), never a new object, or it would change every time.
 */
export function useDashboard<T>(select: (s: DashboardState) => T): T {
  const { store } = useNode()
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()))
}

/** The action functions. */
export function useActions(): DashboardActions {
  return useNode().actions
}

/** The latest swarm snapshot; re-renders on every change. */
export function useSwarm(): SwarmSnapshot {
  return useDashboard((s) => s.swarm)
}
