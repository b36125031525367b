/**
 * Property tests over random runs: many heights of random outcomes (rewards, slashes, good and bad
 * transfers) against random parameters.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type {
  Allocation,
  LedgerEvent,
  LedgerParams,
  LedgerState,
} from '../../../shared/ledger/index.ts'
import {
  applyHeight,
  checkLedgerInvariants,
  createLedger,
  decodeLedger,
  encodeLedger,
  ledgerHash,
} from '../../../shared/ledger/index.ts'
import type { Height, TokenAmount } from '../../../shared/types/index.ts'
import type { Step } from './fixtures.ts'
import { paramsArb, poolNode, shuffled, stepArb } from './fixtures.ts'

const allocationsArb: fc.Arbitrary<Allocation[]> = fc.uniqueArray(
  fc.record({
    node: poolNode,
    amount: fc.bigInt({ min: 0n, max: 5_000_000n }).map((a) => a as TokenAmount),
  }),
  { selector: (a) => a.node, maxLength: 5 },
)

const runArb = fc.record({
  params: paramsArb,
  allocations: allocationsArb,
  steps: fc.array(stepArb, { minLength: 1, maxLength: 12 }),
})

interface Run {
  readonly states: LedgerState[]
  readonly events: LedgerEvent[][]
}

function run(
  params: LedgerParams,
  allocations: readonly Allocation[],
  steps: readonly Step[],
): Run {
  let state = createLedger(allocations)
  const states = [state]
  const events: LedgerEvent[][] = []
  for (const step of steps) {
    const applied = applyHeight(state, params, { ...step, height: (state.height + 1) as Height })
    state = applied.state
    states.push(state)
    events.push([...applied.events])
  }
  return { states, events }
}

const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n)

describe('applyHeight over random runs', () => {
  it('keep every invariant: no negative balance, supply = minted − burned', () => {
    fc.assert(
      fc.property(runArb, ({ params, allocations, steps }) => {
        for (const state of run(params, allocations, steps).states) {
          expect(checkLedgerInvariants(state).ok).toBe(true)
          const balances = [...state.accounts.values()].map((a) => a.balance)
          for (const b of balances) expect(b).toBeGreaterThanOrEqual(0n)
          expect(sum(balances)).toBe(state.minted - state.burned)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('mint exactly the rewards and burn exactly the slashes its events report', () => {
    fc.assert(
      fc.property(runArb, ({ params, allocations, steps }) => {
        const { states, events } = run(params, allocations, steps)
        events.forEach((height, i) => {
          const before = states[i] as LedgerState
          const after = states[i + 1] as LedgerState
          const amounts = (types: string[]) =>
            sum(height.flatMap((e) => (types.includes(e.type) && 'amount' in e ? [e.amount] : [])))
          expect(after.minted - before.minted).toBe(
            amounts(['reward', 'proposer-reward', 'voter-reward']),
          )
          expect(after.burned - before.burned).toBe(amounts(['slash']))
          for (const e of height) {
            if (e.type === 'reward' || e.type === 'proposer-reward' || e.type === 'voter-reward') {
              const slashedHere = height.some((s) => s.type === 'slash' && s.node === e.node)
              expect(slashedHere).toBe(false)
            }
          }
        })
      }),
      { numRuns: 200 },
    )
  })

  it('give the same ledger hash and events whatever order the block lists its sets in', () => {
    fc.assert(
      fc.property(runArb, fc.integer(), ({ params, allocations, steps }, seed) => {
        const mixed = steps.map((step, i) => ({
          ...step,
          voters: shuffled(step.voters, seed + i),
          contributions: shuffled(step.contributions, seed + 2 * i),
          slashed: shuffled(step.slashed, seed + 3 * i),
        }))
        const a = run(params, allocations, steps)
        const b = run(params, shuffled(allocations, seed), mixed)
        expect(b.states.map(ledgerHash)).toEqual(a.states.map(ledgerHash))
        expect(b.events).toEqual(a.events)
      }),
      { numRuns: 200 },
    )
  })

  it('round-trip every state through its canonical encoding', () => {
    fc.assert(
      fc.property(runArb, ({ params, allocations, steps }) => {
        for (const state of run(params, allocations, steps).states) {
          const bytes = encodeLedger(state)
          const decoded = decodeLedger(bytes)
          if (!decoded.ok) throw new Error(decoded.reason)
          expect(decoded.value.accounts).toEqual(state.accounts)
          expect(encodeLedger(decoded.value)).toEqual(bytes)
          expect(ledgerHash(decoded.value)).toBe(ledgerHash(state))
        }
      }),
      { numRuns: 200 },
    )
  })
})
