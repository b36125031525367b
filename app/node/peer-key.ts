/**
 * The tab's libp2p key, kept with its identity slot: the peer id that other members record from
 * the tab's signed `join` then stays valid across reloads, so they keep reaching it.
 */
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import type { IdbStorage } from './idb-storage.ts'

const KEY = 'libp2p-key/v1'

/** Loads the slot's libp2p key, or makes and saves one. */
export async function loadPeerKey(storage: IdbStorage): Promise<PrivateKey> {
  const saved = await storage.get(KEY)
  if (saved !== undefined) {
    try {
      return privateKeyFromProtobuf(saved)
    } catch {
      // unreadable: replace it below
    }
  }
  const key = await generateKeyPair('Ed25519')
  await storage.put(KEY, privateKeyToProtobuf(key))
  return key
}
