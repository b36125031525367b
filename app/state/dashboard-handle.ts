/**
 * `window.__dashboard`: the dashboard's state for Playwright tests and developers, and a way for a
 * test to feed recorded inputs (e.g. a simulator run) into the store. Fed state is labelled as
 * such in the page, so it can never pass for what this tab's node did.
 */
import { fromJson, toJson } from './json.ts'
import type { DashboardStore } from './store.ts'
import type { DashboardInput } from './types.ts'

/** What tests read from and feed into a tab's dashboard. */
export interface DashboardTestHandle {
  /** The state as JSON text (bigints as `{"$bigint":"…"}`). */
  snapshotJson(): string
  /**
   * Folds inputs given as JSON text (an array, as `toJson` writes it), labelling the page with
   * `label`; returns how many were folded.
   */
  feed(json: string, label: string): number
}

declare global {
  interface Window {
    __dashboard?: DashboardTestHandle
  }
}

/** Installs the handle on `window`. */
export function installDashboardHandle(store: DashboardStore): void {
  window.__dashboard = {
    snapshotJson: () => toJson(store.getSnapshot()),
    feed(json, label) {
      const inputs = fromJson(json)
      if (!Array.isArray(inputs)) throw new TypeError('feed() takes a JSON array of inputs')
      store.dispatchAll([{ kind: 'replay', label }, ...(inputs as DashboardInput[])])
      return inputs.length
    },
  }
}
