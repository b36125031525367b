import { describeActivity } from '../state/activity.ts'
import { useDashboard } from '../NodeContext.tsx'
import { useActivity, useOnline, useReplay } from '../state/hooks.ts'
import { InstallButton } from './InstallButton.tsx'

const SECTIONS = [
  ['node', 'Node'],
  ['controls', 'Controls'],
  ['consensus', 'Consensus'],
  ['tokens', 'Tokens'],
  ['training', 'Training'],
  ['swarm', 'Swarm'],
  ['agent', 'Agent'],
] as const

/** The page's title, what the tab is doing in one sentence, and links to each view. */
export function Header() {
  const activity = useActivity()
  const online = useOnline()
  const replay = useReplay()
  const failed = useDashboard((s) => s.nodeError)
  return (
    <header className="top">
      <div className="title-row">
        <h1>Swarm node</h1>
        <span className="pill" data-activity={activity} data-testid="activity">
          {activity}
        </span>
        {!online && (
          <span className="pill offline" data-testid="offline">
            offline
          </span>
        )}
        <InstallButton />
      </div>
      <p className="lead">
        This tab is a node of a swarm that trains one shared model. {describeActivity(activity)}
      </p>
      {failed !== undefined && (
        <p className="banner error" role="alert" data-testid="node-failed">
          The training node stopped: {failed}
        </p>
      )}
      {replay !== undefined && (
        <p className="banner" role="note" data-testid="replay-banner">
          Showing recorded events ({replay}), not this tab&apos;s own node.
        </p>
      )}
      <nav aria-label="Views">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  )
}
