/**
 * `npm run sim`: prints the figures of issue 5 (see README.md here). `npm run sim -- <name>…`
 * runs only the named ones: `diloco` (1), `byzantine` (2), `latency` (3), `bytes` (4).
 * Deterministic by seed: the tables depend on nothing but the code (wall times aside).
 */
import { figure1 } from './fig1-diloco.ts'
import { figure2 } from './fig2-byzantine.ts'
import { figure3 } from './fig3-latency.ts'
import { figure4 } from './fig4-bytes.ts'

const FIGURES: readonly { name: string; alias: string; run: () => Promise<void> }[] = [
  { name: 'diloco', alias: '1', run: figure1 },
  { name: 'byzantine', alias: '2', run: figure2 },
  { name: 'latency', alias: '3', run: figure3 },
  { name: 'bytes', alias: '4', run: figure4 },
]

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => !FIGURES.some((f) => f.name === a || f.alias === a))
  if (unknown.length > 0) {
    console.error(
      `unknown figure ${unknown.join(', ')}; choose from ${FIGURES.map((f) => `${f.name} (${f.alias})`).join(', ')}`,
    )
    return 2
  }
  const chosen = FIGURES.filter(
    (f) => args.length === 0 || args.includes(f.name) || args.includes(f.alias),
  )
  // The trainer core yields through an unref'd MessagePort; with nothing else holding Node's
  // event loop open, a plain script would exit in the middle of an await. Hold it open.
  const keepAlive = setInterval(() => undefined, 60_000)
  const started = performance.now()
  let failed = 0
  try {
    for (const f of chosen) {
      const t = performance.now()
      try {
        await f.run()
      } catch (err) {
        failed++
        console.error(
          `figure ${f.alias} (${f.name}) failed: ${(err as Error).stack ?? String(err)}`,
        )
      }
      console.log(`\n(figure ${f.alias} took ${((performance.now() - t) / 1000).toFixed(0)} s)`)
    }
  } finally {
    clearInterval(keepAlive)
  }
  console.log(`\nnpm run sim: ${((performance.now() - started) / 1000).toFixed(0)} s in all`)
  return failed === 0 ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2))
