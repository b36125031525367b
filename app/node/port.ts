/**
 * The dashboard's controls acting on the tab's node: the `NodePort` of `state/actions.ts` over a
 * `NodeRuntime`. Join/leave goes to the runtime directly; pause and the compute limit go through
 * `controls` (the autonomy loop when it runs, so that its rules see the donor's choice).
 */
import type { Result } from '../../shared/types/index.ts'
import type { NodePort } from '../state/actions.ts'
import type { Settings } from '../state/settings.ts'
import type { NodeRuntime } from './runtime.ts'

/** Where the donor's pause and compute limit go. */
export interface SettingsSink {
  apply(settings: Settings): Promise<void>
}

/** Applies pause and duty cycle straight to the runtime (no autonomy loop). */
export function directControls(runtime: NodeRuntime): SettingsSink {
  return {
    async apply(settings) {
      if (settings.paused) await runtime.pause()
      else await runtime.resume()
      await runtime.setDutyCycle(settings.dutyCycle)
    },
  }
}

/** The node's side of the dashboard's controls. */
export function nodePort(runtime: NodeRuntime, controls: SettingsSink): NodePort {
  return {
    async applySettings(settings): Promise<Result<void>> {
      try {
        runtime.setParticipating(settings.joined)
        await controls.apply(settings)
        return { ok: true, value: undefined }
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? err.message : String(err) }
      }
    },
    sendTransfer: (to, amount) => runtime.sendTransfer(to, amount),
  }
}
