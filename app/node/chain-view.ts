/**
 * The old name of `ledger-view.ts`, kept only because a browser spec (`tests/e2e/attacks.spec.ts`)
 * imports its event type from here; new code imports `ledger-view.ts`.
 */
export type { PlainLedgerEvent } from './ledger-view.ts'
