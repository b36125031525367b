/**
 * An `Application` wrapper that reports how long the node spends in the app's proposing,
 * validating and applying, without changing what the app does or returns.
 */
import type { Certificate } from '../consensus/index.ts'
import type { AppContext, Application, ChainView } from '../node/application.ts'
import type { Height, PeerIdString, Result } from '../types/index.ts'

/** A phase of the app's work at one height. */
export type AppPhase = 'propose' | 'validate' | 'apply'

/** Receives each timed call: the height it was for and its start and end on `now`'s clock. */
export type PhaseSink = (phase: AppPhase, height: Height, start: number, end: number) => void

/** Wraps `app`; `sink` runs after each timed call settles (its errors are swallowed). */
export function timedApplication<S extends { readonly height: Height }>(
  app: Application<S>,
  now: () => number,
  sink: PhaseSink,
): Application<S> {
  async function timed<T>(phase: AppPhase, s: S, run: () => Promise<T>): Promise<T> {
    const start = now()
    try {
      return await run()
    } finally {
      try {
        sink(phase, (s.height + 1) as Height, start, now())
      } catch {
        // Measuring must never break the node.
      }
    }
  }
  const wrapped: Application<S> = {
    view: (s: S): ChainView => app.view(s),
    beginHeight: (s: S, ctx: AppContext) => app.beginHeight(s, ctx),
    proposeBlock: (s: S, ctx: AppContext) => timed('propose', s, () => app.proposeBlock(s, ctx)),
    validateBlock: (s: S, block: Uint8Array, ctx: AppContext): Promise<Result<void>> =>
      timed('validate', s, () => app.validateBlock(s, block, ctx)),
    applyBlock: (s: S, block: Uint8Array, cert: Certificate, ctx: AppContext) =>
      timed('apply', s, () => app.applyBlock(s, block, cert, ctx)),
    onMessage: (s: S, bytes: Uint8Array, from: PeerIdString, ctx: AppContext) =>
      app.onMessage(s, bytes, from, ctx),
    encodeState: (s: S) => app.encodeState(s),
    decodeState: (bytes: Uint8Array) => app.decodeState(bytes),
  }
  const onEvidence = app.onEvidence?.bind(app)
  return onEvidence === undefined ? wrapped : { ...wrapped, onEvidence }
}
