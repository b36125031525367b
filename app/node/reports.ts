/**
 * What the tab's node reports beside its snapshot and its consensus events: the trainer's
 * progress and each finished round's metrics, the ledger's events of every applied block, and the
 * certified state's members and supply. The runtime emits these as they happen; the dashboard
 * (`state/runtime-source.ts`) folds them into its store. Nothing here is estimated or derived
 * from a clock: each report is a copy of what the trainer or the state transition produced.
 *
 * @remarks
 * Kept out of `runtime.ts` on purpose: the runtime only creates one `RuntimeReports`, calls its
 * hooks from the trainer adapter's and the app's callbacks, and reports the state it starts from.
 */
import type { DilocoState, TransitionResult } from '../../shared/chain/index.ts'
import type { LedgerEvent } from '../../shared/ledger/index.ts'
import type { TrainMetrics, TrainProgress } from '../../shared/trainer/index.ts'
import type { Height, NodeId, TokenAmount } from '../../shared/types/index.ts'

/** A member of a certified state, without its key. */
export interface ReportedMember {
  readonly node: NodeId
  readonly peer: string
  readonly since: number
  readonly lastSeen: number
}

/** One report of the runtime. */
export type RuntimeReport =
  /** The running round of local training, for the height it trains. */
  | { readonly kind: 'progress'; readonly height: number; readonly progress: TrainProgress }
  /** A finished round's measurements. */
  | { readonly kind: 'trained'; readonly height: number; readonly metrics: TrainMetrics }
  /** What the ledger did when the block of `height` was applied, in order. */
  | { readonly kind: 'ledger'; readonly height: number; readonly events: readonly LedgerEvent[] }
  /** The members and the supply of the certified state at `height`. */
  | {
      readonly kind: 'members'
      readonly height: number
      readonly members: readonly ReportedMember[]
      readonly supply: { readonly minted: TokenAmount; readonly burned: TokenAmount }
    }

/** The members and supply of `state`, as a report (no weights, no keys). */
export function membersReport(state: DilocoState): Extract<RuntimeReport, { kind: 'members' }> {
  return {
    kind: 'members',
    height: state.height,
    members: state.members.map((m) => ({
      node: m.node,
      peer: m.peer,
      since: m.since,
      lastSeen: m.lastSeen,
    })),
    supply: { minted: state.ledger.minted, burned: state.ledger.burned },
  }
}

/** The runtime's report channel: hooks for the trainer adapter and the app, and listeners. */
export class RuntimeReports {
  readonly #listeners = new Set<(r: RuntimeReport) => void>()

  /** Calls `listener` with every report; returns the function that stops. */
  on(listener: (r: RuntimeReport) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Sends `report` to every listener; a failing listener neither stops the others nor the node. */
  emit(report: RuntimeReport): void {
    for (const l of this.#listeners) {
      try {
        l(report)
      } catch {
        // A view's failure must not reach the trainer or the chain.
      }
    }
  }

  /** The `onProgress` option of `localTrainer`: the running round's progress. */
  readonly progress = (height: Height, progress: TrainProgress): void =>
    this.emit({ kind: 'progress', height, progress })

  /** The `onTrained` option of `localTrainer`: a finished round's metrics. */
  readonly trained = (height: Height, metrics: TrainMetrics): void =>
    this.emit({ kind: 'trained', height, metrics })

  /** The `onApplied` hook of `DilocoApp`: the block's ledger events, then the new members. */
  readonly applied = (next: DilocoState, result: TransitionResult): void => {
    this.emit({ kind: 'ledger', height: next.height, events: result.ledgerEvents })
    this.emit(membersReport(next))
  }

  /** Reports the members and supply of the state the node starts from. */
  started(state: DilocoState): void {
    this.emit(membersReport(state))
  }
}
