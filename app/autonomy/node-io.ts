/**
 * The autonomy loop's hands and eyes on the tab's node: `Actuators` over the runtime's controls,
 * and the node's `Sensors` (training, rounds, balance) over what the runtime reports.
 *
 * @remarks
 * Both take narrow interfaces rather than the `NodeRuntime`, so they are tested with small fakes.
 * An actuator never pretends: a control the node cannot turn rejects with the reason, which the
 * loop writes to the audit log as a failed action and retries on a later tick.
 */
import type {
  Actuators,
  BackendChoice,
  RoundsReading,
  Sensors,
  TrainingReading,
} from '../../shared/autonomy/index.ts'
import { BACKEND_CHOICES, MAX_COMPRESSION_LEVEL } from '../../shared/autonomy/index.ts'
import type { CompressionSpec } from '../../shared/job/index.ts'

/** A control the node refused to turn. */
export class ControlRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ControlRefusedError'
  }
}

/** The loop's compression level of each codec a job can name (0: none … 3: smallest). */
const LEVEL_OF: Readonly<Record<CompressionSpec['kind'], number>> = {
  none: 0,
  int8: 1,
  'topk-int8': 2,
}

/** The compression level of a job's codec on the loop's scale. */
export function compressionLevel(spec: CompressionSpec): number {
  return LEVEL_OF[spec.kind]
}

/** The runtime's controls, as the actuators drive them. */
export interface ControlledNode {
  pause(): Promise<void>
  resume(): Promise<void>
  setDutyCycle(fraction: number): Promise<void>
  setInnerSteps(steps: number): Promise<void>
  setBackend(backend: BackendChoice): Promise<void>
  resync(): Promise<void>
}

/**
 * Actuators over the node. Compression is fixed by the job for every member (the chain checks
 * each payload's size against the job's codec), so only the job's own level is accepted.
 */
export function nodeActuators(node: ControlledNode, jobCompression: CompressionSpec): Actuators {
  const jobLevel = compressionLevel(jobCompression)
  return {
    pause: () => node.pause(),
    resume: () => node.resume(),
    setDutyCycle: (fraction) => node.setDutyCycle(fraction),
    setInnerSteps: (steps) => node.setInnerSteps(steps),
    setBackend: (backend) => node.setBackend(backend),
    setCompression(level) {
      if (level === jobLevel) return Promise.resolve()
      const range = Number.isInteger(level) && level >= 0 && level <= MAX_COMPRESSION_LEVEL
      return Promise.reject(
        new ControlRefusedError(
          range
            ? `the job fixes compression for every member (${jobCompression.kind}, level ${jobLevel}); updates at level ${level} would be rejected by the chain`
            : `compression level must be an integer in [0, ${MAX_COMPRESSION_LEVEL}], got ${level}`,
        ),
      )
    },
    resync: () => node.resync(),
  }
}

/** What the node's sensors read from the runtime. */
export interface SensedNode {
  readonly snapshot: {
    readonly backend?: string
    /** Unset until the node holds a chain state. */
    readonly stateHash?: string
    /** The node's balance in micro-rUv, as a decimal string. */
    readonly balanceMicro: string
  }
  /** Swarm and node heights and the latest round outcomes. */
  rounds(): RoundsReading | undefined
  /** The latest finished training's step time and backend. */
  training(): TrainingReading | undefined
}

const MICRO_PER_RUV = 1_000_000

function isBackend(value: string | undefined): value is BackendChoice {
  return (BACKEND_CHOICES as readonly (string | undefined)[]).includes(value)
}

/** The node's sensors: training, rounds and the balance in rUv. */
export function nodeSensors(
  node: SensedNode,
): Required<Pick<Sensors, 'training' | 'rounds' | 'balance'>> {
  return {
    training() {
      const reading = node.training()
      if (reading !== undefined) return reading
      const backend = node.snapshot.backend
      return isBackend(backend) ? { backend } : undefined
    },
    rounds: () => node.rounds(),
    balance() {
      const { stateHash, balanceMicro } = node.snapshot
      // Before the node holds a state its balance is unknown, not zero.
      if (stateHash === undefined || !/^[0-9]{1,30}$/.test(balanceMicro)) return undefined
      return Number(BigInt(balanceMicro)) / MICRO_PER_RUV
    },
  }
}
