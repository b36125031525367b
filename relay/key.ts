/**
 * The relay's libp2p identity, persisted so its peer id (and so every bootstrap address that
 * operators hand out) survives restarts.
 */
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PEER_KEY_FILE } from './constants.ts'
import { writeFileAtomic } from './files.ts'

/** Loads the key from `dataDir`, or makes and saves a new Ed25519 key if there is none. */
export async function loadOrCreateKey(
  dataDir: string,
): Promise<{ key: PrivateKey; created: boolean }> {
  const file = join(dataDir, PEER_KEY_FILE)
  let bytes: Uint8Array | undefined
  try {
    bytes = await readFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  if (bytes !== undefined) {
    try {
      return { key: privateKeyFromProtobuf(bytes), created: false }
    } catch (err) {
      throw new Error(
        `${file} is not a libp2p private key (${(err as Error).message}); move it away to make a new identity`,
        { cause: err },
      )
    }
  }
  const key = await generateKeyPair('Ed25519')
  await writeFileAtomic(file, privateKeyToProtobuf(key), 0o600)
  return { key, created: true }
}
