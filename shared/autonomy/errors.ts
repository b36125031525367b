/** Errors of the autonomy module; branch on `err.name`. */
import type { Issue } from '../model/index.ts'
import { formatIssues } from '../model/index.ts'

/** User settings or Adapt thresholds failed validation; `issues` names every problem. */
export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError'
  readonly issues: readonly Issue[]
  constructor(issues: readonly Issue[]) {
    super(`invalid autonomy settings:\n${formatIssues(issues)}`)
    this.issues = issues
  }
}

/** An audit entry could not be written (too large, or the log was opened wrongly). */
export class AuditLogError extends Error {
  override readonly name = 'AuditLogError'
}
