import { useDashboard } from '../NodeContext.tsx'
import { useAttached, useReplay } from '../state/hooks.ts'

/**
 * What a view shows before it has data: that the node is not running in this tab yet, or, once it
 * is, what it is waiting for. Never placeholder numbers.
 */
export function Empty({ waiting }: { waiting: string }) {
  const attached = useAttached()
  const replay = useReplay()
  const failed = useDashboard((s) => s.nodeError)
  const startup = useDashboard((s) => s.startup)
  return (
    <p className="empty" data-testid="empty">
      {failed !== undefined
        ? 'The training node stopped with an error (see above), so there is nothing to show here.'
        : startup !== undefined
          ? `The node is starting: ${startup}.`
          : attached || replay !== undefined
            ? waiting
            : 'Not running: the training node does not run in this tab, so there is nothing to show here.'}
    </p>
  )
}
