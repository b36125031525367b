/** Small file helpers of the relay's data directory. */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes `bytes` to `file` through a temporary file and a rename, creating the directory, so a
 * crash never leaves a half-written key, founder record or checkpoint behind.
 */
export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array,
  mode = 0o644,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  await writeFile(tmp, bytes, { mode })
  await rename(tmp, file)
}
