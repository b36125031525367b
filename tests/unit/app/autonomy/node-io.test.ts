import { describe, expect, it } from 'vitest'
import {
  compressionLevel,
  nodeActuators,
  nodeSensors,
  type ControlledNode,
  type SensedNode,
} from '../../../../app/autonomy/node-io.ts'
import type { BackendChoice, RoundsReading } from '../../../../shared/autonomy/index.ts'

function recordingNode() {
  const calls: unknown[][] = []
  const record = (...call: unknown[]) => {
    calls.push(call)
    return Promise.resolve()
  }
  const node: ControlledNode = {
    pause: () => record('pause'),
    resume: () => record('resume'),
    setDutyCycle: (f: number) => record('setDutyCycle', f),
    setInnerSteps: (n: number) => record('setInnerSteps', n),
    setBackend: (b: BackendChoice) => record('setBackend', b),
    resync: () => record('resync'),
  }
  return { node, calls }
}

describe('compressionLevel', () => {
  it('maps each codec a job can name to the loop’s scale', () => {
    expect(compressionLevel({ kind: 'none' })).toBe(0)
    expect(compressionLevel({ kind: 'int8', chunkSize: 4096 })).toBe(1)
    expect(compressionLevel({ kind: 'topk-int8', chunkSize: 4096, density: 0.1 })).toBe(2)
  })
})

describe('nodeActuators', () => {
  it('passes the runtime’s controls through', async () => {
    const { node, calls } = recordingNode()
    const a = nodeActuators(node, { kind: 'int8', chunkSize: 4096 })
    await a.pause()
    await a.setDutyCycle(0.25)
    await a.setInnerSteps(20)
    await a.setBackend('wasm')
    await a.resume()
    await a.resync()
    expect(calls).toEqual([
      ['pause'],
      ['setDutyCycle', 0.25],
      ['setInnerSteps', 20],
      ['setBackend', 'wasm'],
      ['resume'],
      ['resync'],
    ])
  })

  it('accepts only the job’s compression level, and says why it refuses another', async () => {
    const { node, calls } = recordingNode()
    const a = nodeActuators(node, { kind: 'int8', chunkSize: 4096 })
    await expect(a.setCompression(1)).resolves.toBeUndefined()
    await expect(a.setCompression(3)).rejects.toMatchObject({
      name: 'ControlRefusedError',
      message: expect.stringMatching(/job fixes compression.*int8, level 1/) as unknown,
    })
    await expect(a.setCompression(1.5)).rejects.toThrow(/integer in \[0, 3\]/)
    expect(calls).toEqual([])
  })

  it('passes a runtime’s refusal on unchanged', async () => {
    const { node } = recordingNode()
    node.setBackend = () => Promise.reject(new Error('the trainer is still loading'))
    const a = nodeActuators(node, { kind: 'none' })
    await expect(a.setBackend('webgl')).rejects.toThrow('the trainer is still loading')
  })
})

describe('nodeSensors', () => {
  function sensed(snapshot: SensedNode['snapshot'], training?: { stepMs: number }) {
    const rounds: RoundsReading = { swarmHeight: 5, nodeHeight: 4, recent: [] }
    const node: SensedNode = {
      snapshot,
      rounds: () => rounds,
      training: () => (training === undefined ? undefined : { ...training, backend: 'webgl' }),
    }
    return nodeSensors(node)
  }

  it('reads the balance in rUv once the node holds a state, and none before', () => {
    expect(sensed({ balanceMicro: '0' }).balance()).toBeUndefined()
    expect(sensed({ balanceMicro: '2500000', stateHash: 'ab' }).balance()).toBe(2.5)
    expect(sensed({ balanceMicro: 'x', stateHash: 'ab' }).balance()).toBeUndefined()
  })

  it('reports the trainer’s latest metrics, or the chosen backend before any round', () => {
    expect(sensed({ balanceMicro: '0', backend: 'wasm' }).training()).toEqual({ backend: 'wasm' })
    expect(sensed({ balanceMicro: '0', backend: 'tpu' }).training()).toBeUndefined()
    expect(sensed({ balanceMicro: '0' }, { stepMs: 9 }).training()).toEqual({
      stepMs: 9,
      backend: 'webgl',
    })
  })

  it('passes the rounds through', () => {
    expect(sensed({ balanceMicro: '0' }).rounds()).toEqual({
      swarmHeight: 5,
      nodeHeight: 4,
      recent: [],
    })
  })
})
