/** Errors of the job module; branch on `err.name` (comlink rebuilds errors as plain `Error`s). */
import type { Issue } from '../model/index.ts'
import { formatIssues } from '../model/index.ts'

/** A job manifest failed validation; `issues` lists every problem with its path. */
export class InvalidJobError extends Error {
  override readonly name = 'InvalidJobError'
  readonly issues: readonly Issue[]
  constructor(issues: readonly Issue[]) {
    super(`invalid job manifest:\n${formatIssues(issues)}`)
    this.issues = issues
  }
}
