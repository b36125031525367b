/**
 * The update pipeline's costs: aggregation rules, compression, ML-DSA-65 sign and verify of an
 * update, and message decoding. Goals (issue 4): the default rule at n = 16, d = 1,000,000 in
 * ≤ 300 ms, and sign + verify of one 4 MB update (digest-then-sign) in ≤ 25 ms.
 * Run with `npm run bench pipeline`.
 */
import { generateIdentity } from '../shared/crypto/index.ts'
import {
  checkPayload,
  coreCodec,
  openMessage,
  payloadHashOf,
  ReplayGuard,
  sealMessage,
  updateMessage,
} from '../shared/protocol/index.ts'
import type { AggregateInput, AggregationRule, CompressionSpec } from '../shared/training/index.ts'
import {
  aggregate,
  compressedSize,
  decodeVector,
  DEFAULT_RULE,
  encodeVector,
  topk,
} from '../shared/training/index.ts'
import type { HashHex, Height, JobId, NodeId } from '../shared/types/index.ts'

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

interface Timing {
  readonly best: number
  readonly median: number
  readonly p95: number
}

function summarize(samples: number[]): Timing {
  samples.sort((a, b) => a - b)
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0
  return { best: samples[0] ?? 0, median: at(0.5), p95: at(0.95) }
}

// CPU time of this process (all its threads), in ms. The bench machine is shared, so wall time
// mostly measures the neighbours; CPU time measures the work. On an idle machine they agree
// within a few percent for these single-threaded kernels.
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

function time(runs: number, body: () => void): Timing {
  body() // warm-up
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = cpuMs()
    body()
    samples.push(cpuMs() - start)
  }
  return summarize(samples)
}

async function timeAsync(runs: number, body: () => Promise<void>): Promise<Timing> {
  await body()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = cpuMs()
    await body()
    samples.push(cpuMs() - start)
  }
  return summarize(samples)
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const row = (name: string, t: Timing, digits?: number) => {
  const f = (x: number) => (digits === undefined ? ms(x) : x.toFixed(digits))
  return [name, f(t.best), f(t.median), f(t.p95)]
}

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    '| ' +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join(' | ') +
    ' |'
  console.log(`\n${title}\n`)
  console.log(line(header))
  console.log(
    '|' +
      widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') +
      '|',
  )
  for (const row of rows) console.log(line(row))
}

// xorshift32 noise: fast and good enough for timing.
function noise(d: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1
  const out = new Float32Array(d)
  for (let i = 0; i < d; i++) {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    out[i] = ((s >>> 0) / 4294967296 - 0.5) * 0.02
  }
  return out
}

const node = (i: number) => i.toString(16).padStart(64, '0') as NodeId

function benchAggregation(): void {
  const rules: [string, (n: number) => AggregationRule][] = [
    ['mean', () => ({ type: 'mean' })],
    ['median', () => ({ type: 'median' })],
    ['trimmed mean β=0.25', () => ({ type: 'trimmed-mean', beta: 0.25 })],
    ['Multi-Krum f=n/4', (n) => ({ type: 'multi-krum', f: n / 4 })],
    ['CenteredClip L=3 (default)', () => DEFAULT_RULE],
    ['CenteredClip L=3, bucket 2', () => ({ ...DEFAULT_RULE, bucketSize: 2 })],
  ]
  const sizes = [100_000, 1_000_000]
  const ns = [8, 16, 32]
  const rows: string[][] = rules.map(([name]) => [name])
  for (const d of sizes) {
    const all = Array.from({ length: 32 }, (_, i) => noise(d, i + 1))
    const previous = noise(d, 999)
    for (const n of ns) {
      const inputs: AggregateInput[] = all.slice(0, n).map((vector, i) => ({
        node: node(i),
        samples: 100,
        vector,
      }))
      rules.forEach(([, rule], r) => {
        const runs = d > 100_000 ? 5 : 9
        const t = time(runs, () => {
          const out = aggregate(rule(n), inputs, { previous, seed: new Uint8Array([1]) })
          if (!out.ok) throw new Error(out.reason)
        })
        rows[r]?.push(ms(t.median))
      })
      gc()
    }
  }
  const header = ['rule (median CPU ms)']
  for (const d of sizes) for (const n of ns) header.push(`d=${d / 1000}k n=${n}`)
  table('Aggregation, single thread', header, rows)
}

function benchCompression(): void {
  const rows: string[][] = []
  for (const d of [100_000, 1_000_000]) {
    const x = noise(d, 7)
    const specs: [string, CompressionSpec][] = [
      ['f16', { type: 'f16' }],
      ['int8 chunk 256', { type: 'int8', chunk: 256 }],
      ['top-k 3% + int8', topk(Math.round(d * 0.03))],
      ['top-k 1% + int8', topk(Math.round(d * 0.01))],
    ]
    const raw = 4 * d
    for (const [name, spec] of specs) {
      const runs = d > 100_000 ? 7 : 15
      let bytes: Uint8Array = new Uint8Array(0)
      const enc = time(runs, () => {
        bytes = encodeVector(x, spec)
      })
      const dec = time(runs, () => {
        const r = decodeVector(bytes, { dimension: d })
        if (!r.ok) throw new Error(r.reason.detail)
      })
      const size = compressedSize(spec, d)
      rows.push([
        `${name}, d=${d / 1000}k`,
        ms(enc.median),
        ms(dec.median),
        size.toLocaleString('en-US'),
        `${(raw / size).toFixed(2)}×`,
      ])
    }
    gc()
  }
  table(
    'Compression of a flat Float32Array',
    ['codec (median CPU ms)', 'encode ms', 'decode ms', 'bytes', 'ratio vs fp32'],
    rows,
  )
}

async function benchSignatures(): Promise<void> {
  const identity = generateIdentity()
  const job = 'b'.repeat(64) as JobId
  const keys = new Map([[identity.nodeId, identity.publicKey]])
  const payload = encodeVector(noise(1_000_000, 3), { type: 'f32' }) // 4 MB
  const base = 'a'.repeat(64) as HashHex
  let height = 1
  // Every verification below opens a message never verified before: `verifyBytes` remembers
  // valid signatures, and a repeat would only measure that cache.
  const sealedUpdates: Uint8Array[] = []
  let header = updateMessage({
    job,
    height: 1 as Height,
    node: identity.nodeId,
    base,
    samples: 640,
    trainLoss: 0.3,
    payloadHash: base,
    payloadBytes: payload.length,
  })
  const sign = await timeAsync(40, async () => {
    header = updateMessage({
      ...header,
      height: height++ as Height,
      payloadHash: await payloadHashOf(payload),
    })
    sealedUpdates.push(sealMessage(coreCodec, identity, header))
  })
  const guard = new ReplayGuard({ job, height: 1 as Height, heightsBehind: 1e9 })
  let next = 0
  const verify = await timeAsync(40, async () => {
    const sealed = sealedUpdates[next++] ?? new Uint8Array(0)
    const opened = openMessage(sealed, { codec: coreCodec, job, keys: (n) => keys.get(n) })
    if (!opened.ok) throw new Error(opened.reason.detail)
    const checked = await checkPayload(opened.value.message as typeof header, payload)
    if (!checked.ok) throw new Error(checked.reason.detail)
  })
  const hashOnly = await timeAsync(30, async () => {
    await payloadHashOf(payload)
  })
  const body = coreCodec.encode(header)
  const decodeOnly = time(2000, () => {
    if (!coreCodec.decode(body).ok) throw new Error('decode')
  })
  let h = 1_000_000
  const headers: Uint8Array[] = []
  const sealOne = time(200, () => {
    headers.push(sealMessage(coreCodec, identity, { ...header, height: h++ as Height }))
  })
  let at = 0
  const openFresh = time(200, () => {
    const r = openMessage(headers[at++] ?? new Uint8Array(0), {
      codec: coreCodec,
      job,
      keys: (n) => keys.get(n),
    })
    if (!r.ok) throw new Error(r.reason.detail)
  })
  const sealedOnce = headers[0] ?? new Uint8Array(0)
  const openAgain = time(200, () => {
    const r = openMessage(sealedOnce, { codec: coreCodec, job, keys: (n) => keys.get(n) })
    if (!r.ok) throw new Error(r.reason.detail)
  })
  const dup = time(2000, () => {
    openMessage(sealedOnce, { codec: coreCodec, job, keys: (n) => keys.get(n), guard })
  })
  const int8 = encodeVector(noise(1_000_000, 4), { type: 'int8', chunk: 256 })
  const payloadDecode = time(15, () => {
    if (!decodeVector(int8, { dimension: 1_000_000 }).ok) throw new Error('payload')
  })
  table(
    'ML-DSA-65 over a 4 MB update (SHA-256 payload hash in the header, HashML-DSA-65/SHA-512 over the header)',
    ['operation (CPU ms)', 'best', 'median', 'p95'],
    [
      row('sign: hash payload + seal header', sign),
      row('verify: open header + check payload hash', verify),
      [
        'sign + verify, one update',
        ms(sign.best + verify.best),
        ms(sign.median + verify.median),
        ms(sign.p95 + verify.p95),
      ],
      row('  of which SHA-256 of 4 MB (each side)', hashOnly),
    ],
  )
  table(
    `Decoding per message (update header: ${body.length} B body, ${sealedOnce.length} B sealed)`,
    ['operation (CPU ms)', 'best', 'median', 'p95'],
    [
      row('codec decode of the body only', decodeOnly, 4),
      row('seal (encode + sign)', sealOne),
      row('open: decode + verify', openFresh),
      row('open again: signature verified before (cache)', openAgain, 4),
      row('open a replay (dropped before verify)', dup, 4),
      row('payload decode, int8 d=1M', payloadDecode),
    ],
  )
}

console.log(`node ${process.version}, ${process.arch}; times are CPU time of this process`)
benchAggregation()
benchCompression()
await benchSignatures()
