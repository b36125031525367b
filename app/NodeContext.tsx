/**
 * One `NodeContext` for the whole app; hooks subscribe to the node's snapshots in an effect and
 * return them, so components never reach into the network or the worker themselves.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { SwarmClient, SwarmSnapshot } from './net/swarm-client.ts'

const NodeContext = createContext<SwarmClient | null>(null)

/** Provides the tab's swarm client to the component tree. */
export function NodeProvider({ client, children }: { client: SwarmClient; children: ReactNode }) {
  return <NodeContext.Provider value={client}>{children}</NodeContext.Provider>
}

/** The swarm client; throws when used outside `NodeProvider`. */
export function useNode(): SwarmClient {
  const client = useContext(NodeContext)
  if (client === null) throw new Error('useNode() must be used inside <NodeProvider>')
  return client
}

/** The latest swarm snapshot; re-renders on every change. */
export function useSwarm(): SwarmSnapshot {
  const client = useNode()
  return useSyncExternalStore(
    (onChange) => client.subscribe(onChange),
    () => client.snapshot,
  )
}
