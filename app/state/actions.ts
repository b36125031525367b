/**
 * What the donor can do, as action functions. Views call these and nothing else: an action
 * validates, records the choice in the store (and `localStorage`), and hands it to a port. Ports
 * are the node's side, connected when it runs; in a tab without a node an action says so plainly,
 * and never pretends it did something.
 */
import { parseTransferAmount } from '../../shared/ledger/index.ts'
import { errorMessage } from '../../shared/node/errors.ts'
import { asNodeId, type NodeId, type Result, type TokenAmount } from '../../shared/types/index.ts'
import { parseSettings, saveSettings, type KeyValueStore, type Settings } from './settings.ts'
import type { DashboardStore } from './store.ts'

/** The node's side of the controls (implemented over `SwarmNode`, trainer and autonomy loop). */
export interface NodePort {
  /** Applies the donor's settings: join/leave, pause/resume, duty cycle, battery, hidden tab. */
  applySettings(settings: Settings): Promise<Result<void>>
  /** Signs a transfer with this node's key and publishes it; a later block settles it. */
  sendTransfer(to: NodeId, amount: TokenAmount): Promise<Result<void>>
}

/** The service worker's update. */
export interface UpdatePort {
  /** Activates the waiting version and reloads the page. */
  update(): Promise<void>
}

/** The browser's offer to install the app (a kept `beforeinstallprompt` event). */
export interface InstallPort {
  /** Shows the browser's install dialog; resolves with the donor's answer. */
  prompt(): Promise<'accepted' | 'dismissed'>
}

/** The actions a view may call. */
export interface DashboardActions {
  setJoined: (joined: boolean) => void
  setPaused: (paused: boolean) => void
  setDutyCycle: (fraction: number) => void
  setTrainOnBattery: (allowed: boolean) => void
  setTrainWhenHidden: (allowed: boolean) => void
  /** Checks a transfer form without sending anything. */
  checkTransfer: (to: string, amount: string) => Result<{ to: NodeId; amount: TokenAmount }>
  sendTransfer: (to: string, amount: string) => Promise<Result<void>>
  applyUpdate: () => Promise<void>
  /** Hides the update prompt until the next version (the waiting one activates on next start). */
  dismissUpdate: () => void
  dismissNotice: () => void
  /** Shows the browser's install dialog, when the browser offers one. */
  install: () => Promise<void>
  /** Connects the node's side; returns the function that disconnects it. */
  connectNode: (port: NodePort) => () => void
  connectUpdate: (port: UpdatePort) => void
  /** The browser offers to install (`undefined`: it withdrew the offer). */
  connectInstall: (port: InstallPort | undefined) => void
}

/** Why a control cannot reach a node: none runs in this tab (`?node=off`, or not started). */
export const NOT_RUNNING = 'No training node runs in this tab, so this cannot take effect.'

/** Creates the actions over a store and, optionally, where settings persist. */
export function createActions(store: DashboardStore, storage?: KeyValueStore): DashboardActions {
  let node: NodePort | undefined
  let updater: UpdatePort | undefined
  let installer: InstallPort | undefined
  const state = () => store.getSnapshot()
  const notice = (tone: 'info' | 'error', text: string) =>
    store.dispatch({ kind: 'notice', notice: { tone, text } })

  function change(patch: Partial<Settings>): void {
    const { settings, issues } = parseSettings({ ...state().settings, ...patch })
    if (issues.length > 0) return notice('error', `Not changed: ${issues.join('; ')}.`)
    store.dispatch({ kind: 'settings', settings })
    const saved = saveSettings(storage, settings)
    const keep = saved ? '' : ' (it could not be saved: this browser refuses local storage)'
    if (node === undefined) {
      return notice(
        'info',
        `Saved${keep}, not applied yet: no training node runs in this tab; it applies them once one does.`,
      )
    }
    node.applySettings(settings).then(
      (r) =>
        r.ok
          ? store.dispatch({ kind: 'notice', notice: undefined })
          : notice('error', `The node refused: ${r.reason}.`),
      (err: unknown) => notice('error', `The node failed to apply it: ${errorMessage(err)}.`),
    )
  }

  function checkTransfer(toText: string, amountText: string) {
    const to = asNodeId(toText.trim().toLowerCase())
    if (!to.ok)
      return { ok: false as const, reason: 'Recipient: a node id is 64 hex characters (0-9, a-f).' }
    const s = state()
    if (s.self !== undefined && to.value === s.self) {
      return { ok: false as const, reason: 'Recipient: that is this node; send to another node.' }
    }
    const amount = parseTransferAmount(amountText, s.chain.summary?.balance)
    if (!amount.ok) return { ok: false as const, reason: `Amount: ${amount.reason}.` }
    return { ok: true as const, value: { to: to.value, amount: amount.value } }
  }

  async function sendTransfer(toText: string, amountText: string): Promise<Result<void>> {
    const fail = (reason: string): Result<void> => {
      store.dispatch({ kind: 'transfer', status: { state: 'failed', reason } })
      return { ok: false, reason }
    }
    if (state().transfer.state === 'sending')
      return { ok: false, reason: 'A transfer is being sent.' }
    const checked = checkTransfer(toText, amountText)
    if (!checked.ok) return fail(checked.reason)
    if (node === undefined) return fail(NOT_RUNNING)
    const { to, amount } = checked.value
    store.dispatch({ kind: 'transfer', status: { state: 'sending', to, amount } })
    try {
      const r = await node.sendTransfer(to, amount)
      if (!r.ok) return fail(`Not sent: ${r.reason}.`)
      store.dispatch({ kind: 'transfer', status: { state: 'sent', to, amount } })
      return { ok: true, value: undefined }
    } catch (err) {
      return fail(`Not sent: ${errorMessage(err)}.`)
    }
  }

  return {
    setJoined: (joined) => change({ joined }),
    setPaused: (paused) => change({ paused }),
    setDutyCycle: (dutyCycle) => change({ dutyCycle }),
    setTrainOnBattery: (trainOnBattery) => change({ trainOnBattery }),
    setTrainWhenHidden: (trainWhenHidden) => change({ trainWhenHidden }),
    checkTransfer,
    sendTransfer,
    async applyUpdate() {
      if (updater === undefined) return
      store.dispatch({ kind: 'pwa', pwa: { needRefresh: false } })
      await updater.update()
    },
    dismissUpdate: () => store.dispatch({ kind: 'pwa', pwa: { needRefresh: false } }),
    dismissNotice: () => store.dispatch({ kind: 'notice', notice: undefined }),
    async install() {
      const port = installer
      if (port === undefined) return
      // The browser's offer is good for one dialog: the button goes until it offers again.
      installer = undefined
      store.dispatch({ kind: 'pwa', pwa: { installable: false } })
      try {
        const answer = await port.prompt()
        if (answer === 'dismissed')
          notice('info', 'Not installed. The app keeps working in this tab.')
      } catch (err) {
        notice('error', `The browser could not show its install dialog: ${errorMessage(err)}.`)
      }
    },
    connectNode(port) {
      node = port
      store.dispatch({ kind: 'controllable', controllable: true })
      void port.applySettings(state().settings)
      return () => {
        if (node !== port) return
        node = undefined
        store.dispatch({ kind: 'controllable', controllable: false })
      }
    },
    connectUpdate: (port) => void (updater = port),
    connectInstall(port) {
      installer = port
      store.dispatch({ kind: 'pwa', pwa: { installable: port !== undefined } })
    },
  }
}
