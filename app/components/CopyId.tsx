import { useState } from 'react'
import { shortHash } from './format.ts'

/** A node id in short form with a button that copies the whole id. */
export function CopyId({ id, label, testId }: { id: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState<string>()
  const copy = () => {
    // Clipboard access is a browser permission, not the node: no action function is needed.
    navigator.clipboard.writeText(id).then(
      () => setCopied('copied'),
      () => setCopied('copy failed: select the id and copy it'),
    )
  }
  return (
    <span className="copy-id">
      <code title={id} data-testid={testId} data-full={id}>
        {shortHash(id)}
      </code>{' '}
      <button type="button" className="small" onClick={copy} aria-label={`Copy ${label}`}>
        Copy
      </button>{' '}
      <span role="status" className="muted">
        {copied}
      </span>
    </span>
  )
}
