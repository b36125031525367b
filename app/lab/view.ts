/** The lab page's DOM: a few labelled fields and buttons, each with a `data-testid`. */

/** Field names shown on the page. */
export type Field =
  'status' | 'job' | 'backend' | 'reason' | 'progress' | 'loss' | 'accuracy' | 'memory'

/** The page's elements. */
export interface LabView {
  set(field: Field, text: string): void
  setProgress(done: number, total?: number): void
  readonly buttons: Record<'init' | 'train' | 'evaluate' | 'pause' | 'resume', HTMLButtonElement>
  readonly duty: HTMLInputElement
}

const FIELDS: readonly Field[] = [
  'status',
  'job',
  'backend',
  'reason',
  'progress',
  'loss',
  'accuracy',
  'memory',
]

/** Builds the view inside `root`. */
export function createView(root: HTMLElement): LabView {
  const list = document.createElement('dl')
  const values = new Map<Field, HTMLElement>()
  for (const field of FIELDS) {
    const dt = document.createElement('dt')
    dt.textContent = field
    const dd = document.createElement('dd')
    dd.dataset.testid = `lab-${field}`
    dd.textContent = '—'
    list.append(dt, dd)
    values.set(field, dd)
  }
  const bar = document.createElement('progress')
  bar.dataset.testid = 'lab-progress-bar'
  const controls = document.createElement('p')
  const button = (name: string): HTMLButtonElement => {
    const b = document.createElement('button')
    b.textContent = name
    b.dataset.testid = `lab-${name.toLowerCase().replace(/ /g, '-')}`
    controls.append(b)
    return b
  }
  const buttons = {
    init: button('Init'),
    train: button('Train round'),
    evaluate: button('Evaluate'),
    pause: button('Pause'),
    resume: button('Resume'),
  }
  const duty = document.createElement('input')
  duty.type = 'range'
  duty.min = '0.1'
  duty.max = '1'
  duty.step = '0.1'
  duty.value = '1'
  duty.dataset.testid = 'lab-duty'
  duty.title = 'duty cycle'
  controls.append(' duty cycle ', duty)
  root.append(controls, bar, list)
  return {
    set: (field, text) => {
      const el = values.get(field)
      if (el !== undefined) el.textContent = text
    },
    setProgress: (done, total) => {
      if (total === undefined) bar.removeAttribute('value')
      else {
        bar.max = total
        bar.value = done
      }
    },
    buttons,
    duty,
  }
}
