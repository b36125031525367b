import { describe, expect, it } from 'vitest'
import type { Certificate } from '../../../shared/consensus/index.ts'
import { timedApplication, type AppPhase } from '../../../shared/metrics/index.ts'
import type { AppContext, Application, ChainView } from '../../../shared/node/index.ts'
import type { Height } from '../../../shared/types/index.ts'

interface S {
  readonly height: Height
}

function setup(fail = false) {
  let clock = 0
  const calls: string[] = []
  const app: Application<S> = {
    view: () => ({ height: 0 }) as unknown as ChainView,
    beginHeight: () => void calls.push('begin'),
    proposeBlock: async () => {
      clock += 30
      return Promise.resolve(new Uint8Array([1]))
    },
    validateBlock: async () => {
      clock += 5
      return Promise.resolve({ ok: true, value: undefined })
    },
    applyBlock: async (s) => {
      clock += 7
      if (fail) throw new Error('bad block')
      return Promise.resolve({ height: (s.height + 1) as Height })
    },
    onMessage: () => void calls.push('message'),
    encodeState: () => new Uint8Array([9]),
    decodeState: () => ({ ok: true, value: { height: 0 as Height } }),
  }
  const phases: [AppPhase, number, number, number][] = []
  const wrapped = timedApplication(
    app,
    () => clock,
    (phase, h, start, end) => phases.push([phase, h, start, end]),
  )
  return { wrapped, phases, calls }
}

const ctx = {} as AppContext
const cert = {} as Certificate
const s = { height: 4 as Height }

describe('timedApplication', () => {
  it('reports each phase with the height it works on, and returns what the app returns', async () => {
    const { wrapped, phases } = setup()
    expect(await wrapped.proposeBlock(s, ctx)).toEqual(new Uint8Array([1]))
    expect(await wrapped.validateBlock(s, new Uint8Array(), ctx)).toEqual({
      ok: true,
      value: undefined,
    })
    expect(await wrapped.applyBlock(s, new Uint8Array(), cert, ctx)).toEqual({ height: 5 })
    expect(phases).toEqual([
      ['propose', 5, 0, 30],
      ['validate', 5, 30, 35],
      ['apply', 5, 35, 42],
    ])
  })

  it('passes the other calls through untimed', () => {
    const { wrapped, phases, calls } = setup()
    wrapped.beginHeight(s, ctx)
    wrapped.onMessage(s, new Uint8Array(), 'p' as never, ctx)
    expect(wrapped.encodeState(s)).toEqual(new Uint8Array([9]))
    expect(calls).toEqual(['begin', 'message'])
    expect(phases).toEqual([])
    expect('onEvidence' in wrapped).toBe(false)
  })

  it('still reports a phase that failed, and the failure still reaches the caller', async () => {
    const { wrapped, phases } = setup(true)
    await expect(wrapped.applyBlock(s, new Uint8Array(), cert, ctx)).rejects.toThrow('bad block')
    expect(phases).toEqual([['apply', 5, 0, 7]])
  })

  it('never lets a throwing sink break the node', async () => {
    const app = setup().wrapped
    const wrapped = timedApplication(
      app,
      () => 0,
      () => {
        throw new Error('sink bug')
      },
    )
    expect(await wrapped.proposeBlock(s, ctx)).toEqual(new Uint8Array([1]))
  })
})
