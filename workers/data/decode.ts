/** Turning shipped bytes into a checked dataset: gunzip, hash, parse, compare with the manifest. */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { DatasetFile, DecodedDataset } from '../../shared/job/index.ts'
import { decodeDataset } from '../../shared/job/index.ts'
import { DatasetError } from '../errors.ts'

const GZIP_MAGIC = [0x1f, 0x8b] as const

/** Decompresses gzip data; bytes without the gzip magic are returned as they are. */
export async function gunzipIfNeeded(bytes: Uint8Array, what: string): Promise<Uint8Array> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  } catch (err) {
    throw new DatasetError(`${what}: truncated or corrupt gzip data (${(err as Error).message})`)
  }
}

/** Lowercase hex SHA-256, with WebCrypto where available (fast) and @noble/hashes otherwise. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined
  if (subtle !== undefined) {
    return bytesToHex(
      new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
    )
  }
  return bytesToHex(sha256(bytes))
}

/** What the model expects of a dataset file. */
export interface Expectation {
  readonly file: DatasetFile
  readonly input: readonly [number, number, number]
  readonly classes: number
}

/** Decodes decompressed bytes and checks them against the manifest; throws `DatasetError`. */
export async function checkDataset(
  bytes: Uint8Array,
  expect: Expectation,
): Promise<DecodedDataset> {
  const { file } = expect
  const decoded = decodeDataset(bytes)
  if (!decoded.ok) throw new DatasetError(`${file.path}: ${decoded.reason}`)
  const h = decoded.value.header
  if (h.count !== file.count) {
    throw new DatasetError(
      `${file.path}: holds ${h.count} examples, the manifest says ${file.count}`,
    )
  }
  const [rows, cols, channels] = expect.input
  if (h.rows !== rows || h.cols !== cols || h.channels !== channels) {
    throw new DatasetError(
      `${file.path}: examples are ${h.rows}×${h.cols}×${h.channels}, the model takes ${rows}×${cols}×${channels}`,
    )
  }
  if (h.classes !== expect.classes) {
    throw new DatasetError(
      `${file.path}: has ${h.classes} classes, the manifest says ${expect.classes}`,
    )
  }
  const digest = await sha256Hex(bytes)
  if (digest !== file.sha256) {
    throw new DatasetError(`${file.path}: SHA-256 is ${digest}, the manifest pins ${file.sha256}`)
  }
  return decoded.value
}
