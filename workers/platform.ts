/** Timing helpers that behave the same in a Worker and in Node. */
import type { AbortSignalLike } from '../shared/types/index.ts'
import { AbortError, TimeoutError } from './errors.ts'

/** Milliseconds from a monotonic clock. */
export const now = (): number => performance.now()

/** Throws `AbortError` if the signal has fired. */
export function throwIfAborted(signal: AbortSignalLike | undefined, what?: string): void {
  if (signal?.aborted === true) throw new AbortError(what)
}

/** Resolves after `ms`, or rejects with `AbortError` when the signal fires first. */
export function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new AbortError())
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AbortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

let channel: MessageChannel | undefined
const waiting: (() => void)[] = []

/**
 * Yields one macrotask, so messages queued for this thread (pause, abort) are handled.
 * A `MessageChannel` post is not clamped to 4 ms like nested `setTimeout(0)`; one channel is
 * reused (made per call it cost about a millisecond in Chromium), unref'd so Node can exit.
 */
export function yieldToEventLoop(): Promise<void> {
  if (channel === undefined) {
    channel = new MessageChannel()
    channel.port1.onmessage = () => waiting.shift()?.()
    ;(channel.port1 as { unref?: () => void }).unref?.()
  }
  const { port2 } = channel
  return new Promise((resolve) => {
    waiting.push(resolve)
    port2.postMessage(null)
  })
}

/** Races a promise against a timeout; the loser is not cancelled (tfjs offers no way). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
