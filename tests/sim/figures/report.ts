/** Printing the figures: a heading, the parameters, a Markdown table and a conclusion line. */

/** A row of a table: column name → printed value. */
export type Row = Readonly<Record<string, string | number>>

/** Prints `# title` and one `name = value` line per parameter. */
export function heading(title: string, params: Readonly<Record<string, unknown>>): void {
  console.log(`\n## ${title}\n`)
  for (const [k, v] of Object.entries(params)) console.log(`- ${k}: ${format(v)}`)
  console.log('')
}

/** Prints rows as a Markdown table with aligned columns. */
export function table(rows: readonly Row[]): void {
  const first = rows[0]
  if (first === undefined) return
  const cols = Object.keys(first)
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')))
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)))
  const line = (xs: readonly string[]) =>
    `| ${xs.map((x, i) => x.padEnd(width[i] ?? 0)).join(' | ')} |`
  console.log(line(cols))
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of cells) console.log(line(r))
  console.log('')
}

/** Prints the one-line conclusion of a figure. */
export function conclude(text: string): void {
  console.log(`Conclusion: ${text}`)
}

/** A percentage with two decimals, from a fraction. */
export const pct = (x: number): string => `${(100 * x).toFixed(2)}%`

/** A signed difference in percentage points, from fractions. */
export const points = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`

/** A byte count with a binary unit. */
export function bytes(n: number): string {
  if (n < 1024) return `${n.toFixed(0)} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(2)} MiB`
}

/** The p-th percentile (0–100) of `xs` by the nearest-rank method. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

function format(v: unknown): string {
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}
