import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { JobManifest } from '../../../shared/job/index.ts'

/** A deeply mutable view of a manifest, for tests that break one on purpose. */
export type Mutable<T> = T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T

/** A fresh, mutable copy of a shipped job manifest. */
export function loadManifest(name: 'mnist-mlp' | 'mnist-cnn'): Mutable<JobManifest> {
  const url = new URL(`../../../public/jobs/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Mutable<JobManifest>
}
