/**
 * The `Transport` conformance suite: every implementation (the simulator's in-memory network,
 * js-libp2p) must behave the same way for what `SwarmNode` relies on.
 */
import { describe, expect, it } from 'vitest'
import { Cancel } from '../../../shared/node/index.ts'
import type { GossipMessage, Transport } from '../../../shared/transport/index.ts'
import type { Result, Topic } from '../../../shared/types/index.ts'

/** Two or three connected transports and a way to let time pass. */
export interface TransportFixture {
  readonly a: Transport
  readonly b: Transport
  readonly c: Transport
  /** Lets time pass until `check` holds or `ms` elapse; resolves to `check()`. */
  wait(check: () => boolean, ms: number): Promise<boolean>
  /** Resolves `promise` while letting time pass (simulated clocks need driving). */
  run<T>(promise: Promise<T>): Promise<T>
  cleanup(): Promise<void>
}

const bytes = (...xs: number[]) => Uint8Array.from(xs)

/** Runs the suite against fixtures made by `setup`. */
export function transportConformance(
  name: string,
  setup: () => Promise<TransportFixture>,
  timeoutMs = 60_000,
): void {
  describe(`Transport conformance: ${name}`, () => {
    it(
      'delivers gossip to subscribers only, with the sender as `from`',
      async () => {
        const f = await setup()
        try {
          const topic = `conformance/${Math.random()}` as Topic
          const got = {
            a: [] as GossipMessage[],
            b: [] as GossipMessage[],
            c: [] as GossipMessage[],
          }
          f.a.on('message', (m) => m.topic === topic && got.a.push(m))
          f.b.on('message', (m) => m.topic === topic && got.b.push(m))
          f.c.on('message', (m) => m.topic === topic && got.c.push(m))
          f.a.subscribe(topic)
          const unsubB = f.b.subscribe(topic)
          // c never subscribes.
          let sent = false
          const delivered = await f.wait(() => {
            if (!sent || got.b.length === 0) {
              void f.a.publish(topic, bytes(1, 2, 3)).then(() => (sent = true))
            }
            return got.b.length > 0
          }, timeoutMs / 2)
          expect(delivered).toBe(true)
          expect([...(got.b[0]?.data ?? [])]).toEqual([1, 2, 3])
          expect(got.b[0]?.from).toBe(f.a.self)
          expect(got.c).toHaveLength(0)
          unsubB()
          const before = got.b.length
          await f.run(f.a.publish(topic, bytes(9)))
          await f.wait(() => false, 1_000)
          expect(got.b.slice(before).some((m) => m.data[0] === 9)).toBe(false)
        } finally {
          await f.cleanup()
        }
      },
      timeoutMs,
    )

    it(
      'answers requests, and reports misses, size overruns and unknown protocols as values',
      async () => {
        const f = await setup()
        try {
          const protocol = 'conformance-echo'
          f.b.handle(protocol, (req) => {
            if (req[0] === 0) return Promise.resolve(undefined)
            if (req[0] === 255) return Promise.reject(new Error('handler bug'))
            return Promise.resolve(new Uint8Array(req[0]! * 1000).fill(req[0]!))
          })
          const ok = await f.run(f.a.request(f.b.self, protocol, bytes(5), { maxBytes: 10_000 }))
          expect(ok.ok && ok.value.length === 5000 && ok.value.every((x) => x === 5)).toBe(true)
          const miss = await f.run(f.a.request(f.b.self, protocol, bytes(0), { maxBytes: 10_000 }))
          expect(miss.ok).toBe(false)
          const big = await f.run(f.a.request(f.b.self, protocol, bytes(20), { maxBytes: 10_000 }))
          expect(big.ok).toBe(false)
          const broken = await f.run(
            f.a.request(f.b.self, protocol, bytes(255), { maxBytes: 10_000, timeoutMs: 5_000 }),
          )
          expect(broken.ok).toBe(false)
          const unknown = await f.run(
            f.a.request(f.b.self, 'no-such-protocol', bytes(1), { maxBytes: 10, timeoutMs: 5_000 }),
          )
          expect(unknown.ok).toBe(false)
          // The server survived all of that.
          const again = await f.run(f.a.request(f.b.self, protocol, bytes(2), { maxBytes: 10_000 }))
          expect(again.ok && again.value.length === 2000).toBe(true)
        } finally {
          await f.cleanup()
        }
      },
      timeoutMs,
    )

    it(
      'ends a request to a handler that never answers at its timeout, or when its signal aborts',
      async () => {
        const f = await setup()
        try {
          const protocol = 'conformance-silent'
          f.b.handle(protocol, () => new Promise(() => undefined))
          let timedOut: Result<Uint8Array> | undefined
          void f.a
            .request(f.b.self, protocol, bytes(1), { maxBytes: 10, timeoutMs: 2_000 })
            .then((r) => (timedOut = r))
          // Generous: the bound is the timeout, the rest is room for a loaded machine.
          expect(await f.wait(() => timedOut !== undefined, 2_000 + 3_000)).toBe(true)
          expect(timedOut?.ok).toBe(false)
          // The kind of signal shared/ passes: an `AbortSignalLike`, not a platform `AbortSignal`.
          const controller = new Cancel()
          let aborted: Result<Uint8Array> | undefined
          void f.a
            .request(f.b.self, protocol, bytes(1), {
              maxBytes: 10,
              timeoutMs: 10 * timeoutMs,
              signal: controller.signal,
            })
            .then((r) => (aborted = r))
          await f.wait(() => false, 500)
          controller.abort()
          expect(await f.wait(() => aborted !== undefined, 3_000)).toBe(true)
          expect(aborted?.ok).toBe(false)
        } finally {
          await f.cleanup()
        }
      },
      timeoutMs,
    )

    it(
      'lists the other peers with how they are connected',
      async () => {
        const f = await setup()
        try {
          const sees = (t: Transport, other: Transport) =>
            t.peers().some((p) => p.id === other.self && p.connection === 'direct')
          expect(
            await f.wait(() => sees(f.a, f.b) && sees(f.b, f.a) && sees(f.a, f.c), timeoutMs / 2),
          ).toBe(true)
          expect(f.a.peers().some((p) => p.id === f.a.self)).toBe(false)
        } finally {
          await f.cleanup()
        }
      },
      timeoutMs,
    )
  })
}
