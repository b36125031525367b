/** One thing wrong with an input document, located by a JSON-ish path such as `model.layers[1].units`. */
export interface Issue {
  readonly path: string
  readonly message: string
}

/** Formats issues as one line each: `path: message`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n')
}
