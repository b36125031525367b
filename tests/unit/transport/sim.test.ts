import { SimNetwork, simPeerId } from '../../sim/lib/network.ts'
import { Scheduler } from '../../sim/lib/scheduler.ts'
import { transportConformance } from './conformance.ts'

transportConformance('simulated network', () => {
  const clock = new Scheduler()
  const net = new SimNetwork(clock, { latencyMs: 20, jitterMs: 5, loss: 0 }, 1)
  const [a, b, c] = [0, 1, 2].map((i) => net.endpoint(simPeerId(i)))
  return Promise.resolve({
    a: a!,
    b: b!,
    c: c!,
    wait: async (check: () => boolean, ms: number) => {
      // Step the clock so that `check` (which may publish) runs even when nothing is queued.
      const end = clock.now() + ms
      while (!check() && clock.now() < end) await clock.runFor(10)
      return check()
    },
    run: (p) => clock.drive(p),
    cleanup: () => Promise.resolve(),
  })
})
