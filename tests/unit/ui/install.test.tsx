// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { listenForInstall } from '../../../app/pwa/install.ts'
import { createDashboardStore } from '../../../app/state/store.ts'
import { renderApp } from './render.tsx'

afterEach(cleanup)

/** A `beforeinstallprompt` event as Chromium fires it, answered with `outcome`. */
function offer(outcome: 'accepted' | 'dismissed') {
  const e = new Event('beforeinstallprompt', { cancelable: true })
  let prompted = 0
  Object.assign(e, {
    prompt: () => {
      prompted++
      return Promise.resolve()
    },
    userChoice: Promise.resolve({ outcome }),
  })
  return { event: e, prompted: () => prompted }
}

function setup() {
  const store = createDashboardStore()
  const view = renderApp(store)
  const stop = listenForInstall(store, view.actions, window)
  return { store, stop, ...view }
}

const button = () => screen.queryByRole('button', { name: 'Install app' })

describe('the install button', () => {
  it('shows only once the browser offers to install, and opens its dialog from a click', async () => {
    const { store, stop } = setup()
    expect(button()).toBeNull()
    const o = offer('accepted')
    act(() => void window.dispatchEvent(o.event))
    // The browser's own prompt is held back for the button.
    expect(o.event.defaultPrevented).toBe(true)
    const b = button()
    expect(b?.tagName).toBe('BUTTON')
    // A native button: in the tab order and operated with Enter or Space.
    b?.focus()
    expect(document.activeElement).toBe(b)
    expect(b?.getAttribute('tabindex')).toBeNull()
    expect(o.prompted()).toBe(0)
    await act(() => {
      fireEvent.click(b!)
      return Promise.resolve()
    })
    expect(o.prompted()).toBe(1)
    // An offer is good for one dialog.
    expect(button()).toBeNull()
    expect(store.getSnapshot().pwa.installable).toBe(false)
    stop()
  })

  it('goes away for good once the app is installed', () => {
    const { store, stop } = setup()
    act(() => void window.dispatchEvent(offer('accepted').event))
    expect(button()).not.toBeNull()
    act(() => void window.dispatchEvent(new Event('appinstalled')))
    expect(button()).toBeNull()
    expect(store.getSnapshot().pwa).toMatchObject({ installable: false, installed: true })
    stop()
  })

  it('says so when the donor dismisses the dialog, and shows again on a new offer', async () => {
    const { stop } = setup()
    act(() => void window.dispatchEvent(offer('dismissed').event))
    await act(() => {
      fireEvent.click(button()!)
      return Promise.resolve()
    })
    expect(screen.getByTestId('control-notice').textContent).toMatch(/^Not installed/)
    expect(button()).toBeNull()
    act(() => void window.dispatchEvent(offer('accepted').event))
    expect(button()).not.toBeNull()
    stop()
  })

  it('ignores an event that is not a real install offer, and stops listening when told', () => {
    const { stop } = setup()
    const fake = new Event('beforeinstallprompt', { cancelable: true })
    act(() => void window.dispatchEvent(fake))
    expect(fake.defaultPrevented).toBe(false)
    expect(button()).toBeNull()
    stop()
    act(() => void window.dispatchEvent(offer('accepted').event))
    expect(button()).toBeNull()
  })
})
