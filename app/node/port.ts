/**
 * The dashboard's controls acting on the tab's node: the `NodePort` of `state/actions.ts` over a
 * `NodeRuntime`. Join/leave goes to the runtime directly; pause, the compute limit and the battery
 * and hidden-tab permissions go to a `SettingsSink`: the autonomy loop (`app/autonomy/agent.ts`),
 * so that its rules see the donor's choice and record what they do about it.
 */
import { errorMessage } from '../../shared/node/errors.ts'
import type { Result } from '../../shared/types/index.ts'
import type { NodePort } from '../state/actions.ts'
import type { Settings } from '../state/settings.ts'
import type { NodeRuntime } from './runtime.ts'

/** Where the donor's pause, compute limit and permissions go. */
export interface SettingsSink {
  /** Takes the settings; rejects (with the reason) when they cannot apply. */
  apply(settings: Settings): Promise<void>
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
        return { ok: false, reason: errorMessage(err) }
      }
    },
    sendTransfer: (to, amount) => runtime.sendTransfer(to, amount),
  }
}
