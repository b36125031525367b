/** How numbers, ids and sizes read on the dashboard. */
import { formatRuv } from '../../shared/ledger/index.ts'

/** A node id or hash in short form: the first 8 and last 4 hex digits. */
export function shortHash(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 8)}…${id.slice(-4)}`
}

/** A libp2p peer id in short form: its last 8 characters. */
export function shortPeer(id: string): string {
  return `…${id.slice(-8)}`
}

/** rUv with all six decimals, e.g. `1.250000 rUv`. */
export function ruv(amount: bigint): string {
  return formatRuv(amount)
}

/** A byte count with a binary unit: `512 B`, `98.4 KiB`, `1.2 MiB`. */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '—'
  if (n < 1024) return `${Math.round(n)} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}

/** A fraction as a percentage: `0.9615` → `96.2 %`. */
export function percent(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)} %` : '—'
}

/** A duration: `850 ms`, `4.2 s`, `3 min 5 s`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** A count with thousands separators. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** A clock time, e.g. `12:04:31`. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false })
}
