/**
 * A plain-data view of the node's certified state for tests and the console (`window.__swarm`):
 * members, bans, every balance, the supply, and the ledger events of recent heights. Token amounts
 * are decimal strings of micro-rUv (bigints do not cross `page.evaluate`).
 */
import type { DilocoState, TransitionResult } from '../../shared/chain/index.ts'
import type { LedgerEvent } from '../../shared/ledger/index.ts'

type Plain<T> = T extends unknown
  ? { readonly [K in keyof T]: T[K] extends bigint ? string : T[K] }
  : never

/** A ledger event with its bigints (amounts, balances, nonces) as decimal strings. */
export type PlainLedgerEvent = Plain<LedgerEvent>

/**
 * The certified state as plain data (not `shared/node`'s `ChainView`, which is what consensus
 * reads of a state: height, hashes and members).
 */
export interface LedgerView {
  readonly height: number
  readonly members: readonly { node: string; since: number; lastSeen: number }[]
  /** Nodes barred from joining, and until which height. */
  readonly banned: readonly { node: string; until: number }[]
  /** Balance of every account, micro-rUv. */
  readonly balances: Readonly<Record<string, string>>
  readonly minted: string
  readonly burned: string
  /** Ledger events of the last `LEDGER_EVENT_HEIGHTS` heights this node applied, oldest first. */
  readonly events: readonly PlainLedgerEvent[]
  /** Heights this node applied itself (a node that caught up from a checkpoint lacks the rest). */
  readonly appliedHeights: readonly number[]
}

/** How many heights of ledger events the log keeps. */
export const LEDGER_EVENT_HEIGHTS = 200

function plain(e: LedgerEvent): PlainLedgerEvent {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e)) out[k] = typeof v === 'bigint' ? v.toString() : v
  return out as PlainLedgerEvent
}

/** The ledger events of the blocks this node applied, bounded by height. */
export class LedgerLog {
  readonly #byHeight: { height: number; events: PlainLedgerEvent[] }[] = []

  /** Records one applied block (the `DilocoApp`'s `onApplied`). */
  record(next: DilocoState, result: TransitionResult): void {
    this.#byHeight.push({ height: next.height, events: result.ledgerEvents.map(plain) })
    if (this.#byHeight.length > LEDGER_EVENT_HEIGHTS) this.#byHeight.shift()
  }

  /** The view of `s` with the recorded events. */
  view(s: DilocoState): LedgerView {
    const balances: Record<string, string> = {}
    for (const [node, account] of [...s.ledger.accounts].sort(([a], [b]) => (a < b ? -1 : 1)))
      balances[node] = account.balance.toString()
    return {
      height: s.height,
      members: s.members.map((m) => ({ node: m.node, since: m.since, lastSeen: m.lastSeen })),
      banned: [...s.banned].map(([node, until]) => ({ node, until })),
      balances,
      minted: s.ledger.minted.toString(),
      burned: s.ledger.burned.toString(),
      events: this.#byHeight.flatMap((h) => h.events),
      appliedHeights: this.#byHeight.map((h) => h.height),
    }
  }
}
