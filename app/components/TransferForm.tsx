import { useState, type FormEvent } from 'react'
import { useActions } from '../NodeContext.tsx'
import { useTransferStatus } from '../state/hooks.ts'
import { ruv, shortHash } from './format.ts'

/** Sends rUv to another node: the node signs a transfer and a later block settles it. */
export function TransferForm() {
  const actions = useActions()
  const status = useTransferStatus()
  const [to, setTo] = useState('')
  const [amount, setAmount] = useState('')
  const [error, setError] = useState<string>()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const checked = actions.checkTransfer(to, amount)
    if (!checked.ok) return setError(checked.reason)
    setError(undefined)
    void actions.sendTransfer(to, amount).then((r) => {
      if (r.ok) setAmount('')
      else setError(r.reason)
    })
  }
  const sending = status.state === 'sending'
  return (
    <form className="transfer" onSubmit={submit} noValidate aria-labelledby="send-h">
      <h3 id="send-h">Send rUv</h3>
      <div className="field">
        <label htmlFor="transfer-to">Recipient node id</label>
        <input
          id="transfer-to"
          name="to"
          autoComplete="off"
          spellCheck={false}
          placeholder="64 hex characters"
          value={to}
          aria-invalid={error?.startsWith('Recipient') === true}
          aria-describedby="transfer-error"
          data-testid="transfer-to"
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="transfer-amount">Amount (rUv)</label>
        <input
          id="transfer-amount"
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="e.g. 0.5"
          value={amount}
          aria-invalid={error?.startsWith('Amount') === true}
          aria-describedby="transfer-error"
          data-testid="transfer-amount"
          onChange={(e) => setAmount(e.currentTarget.value)}
        />
      </div>
      <button type="submit" disabled={sending} data-testid="transfer-send">
        {sending ? 'Sending…' : 'Sign and send'}
      </button>
      <p id="transfer-error" role="alert" className="error" data-testid="transfer-error">
        {error}
      </p>
      {status.state === 'sent' && (
        <p role="status" data-testid="transfer-sent">
          Sent {ruv(status.amount)} to {shortHash(status.to)}; it settles when a block includes it.
        </p>
      )}
    </form>
  )
}
