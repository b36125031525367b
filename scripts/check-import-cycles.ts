/**
 * Fails when the source folders import each other in a circle, and prints every circle found.
 *
 * @remarks
 * Run by `npm run lint` (see docs/ARCHITECTURE.md, "Module map"). Every relative import counts,
 * `import type` and `export … from` included: a type-only circle still ties two modules into one
 * room. (`eslint-plugin-import-x`'s `no-cycle` skips type-only imports, so it cannot see the
 * kind of circle this house had, a type one way and values the other.) The graph comes from
 * TypeScript's `preProcessFile`, which reads import statements without type-checking, so a run
 * over the whole tree takes well under a second.
 *
 * Usage: `node scripts/check-import-cycles.ts [folder …]` (default: app shared workers relay).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '..')
const DEFAULT_FOLDERS = ['app', 'shared', 'workers', 'relay']
const SOURCE = /\.(ts|tsx|mts)$/

/** Every source file under `dir`, as absolute paths. */
function sources(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The file a relative specifier names, or undefined if it names none of ours. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = resolve(dirname(from), specifier)
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]
  return candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile())
}

/** The import graph: each file and the files it imports (static, type-only, re-exports, dynamic). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = info.importedFiles
      .map((ref) => resolveImport(file, ref.fileName))
      .filter((t): t is string => t !== undefined)
    graph.set(file, [...new Set(targets)].sort())
  }
  return graph
}

/**
 * One circle through each strongly connected component of more than one file (or a file that
 * imports itself), by Tarjan's algorithm; each circle is listed from its first file back to it.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  let next = 0
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!))
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      const selfLoop = component.length === 1 && (graph.get(v) ?? []).includes(v)
      if (component.length > 1 || selfLoop) components.push(component.sort())
    }
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return components.map((c) => circleThrough(graph, new Set(c), c[0]!))
}

/** A shortest circle from `start` back to it inside `members` (breadth-first). */
function circleThrough(
  graph: ReadonlyMap<string, readonly string[]>,
  members: ReadonlySet<string>,
  start: string,
): string[] {
  const parent = new Map<string, string>()
  const queue = [start]
  while (queue.length > 0) {
    const v = queue.shift()!
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue
      if (w === start) {
        const path = [v]
        while (path[0] !== start) path.unshift(parent.get(path[0]!)!)
        return [...path, start]
      }
      if (!parent.has(w)) {
        parent.set(w, v)
        queue.push(w)
      }
    }
  }
  return [start, start]
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename
if (isMain) {
  const folders = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FOLDERS
  const files = folders.flatMap((f) => sources(resolve(ROOT, f)))
  const cycles = findCycles(importGraph(files))
  for (const cycle of cycles) {
    console.error(`import cycle: ${cycle.map((f) => relative(ROOT, f)).join(' -> ')}`)
  }
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s) in ${folders.join(', ')}`)
    process.exit(1)
  }
  console.log(`no import cycles in ${folders.join(', ')} (${files.length} files)`)
}
