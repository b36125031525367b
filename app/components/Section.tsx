import type { ReactNode } from 'react'

/** A titled dashboard card; its id is the target of the page's navigation links. */
export function Section({
  id,
  title,
  extra,
  children,
}: {
  id: string
  title: ReactNode
  /** Shown at the right of the title (a live value). */
  extra?: ReactNode
  children: ReactNode
}) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-h`}>
      <header className="card-head">
        <h2 id={`${id}-h`}>{title}</h2>
        {extra}
      </header>
      {children}
    </section>
  )
}
