/**
 * Starts the real relay (`node relay/main.ts`) as a child process on free ports, for browser
 * tests and benchmarks, and waits for its `RELAY_READY` line.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What the relay printed when it became ready. */
export interface RelayReady {
  readonly url: string
  readonly httpPort: number
  readonly wsPort: number
  readonly peerId: string
  readonly multiaddrs: string[]
}

/** A relay child process. */
export interface RelayProcess extends RelayReady {
  readonly dataDir: string
  readonly output: string[]
  /** An absolute URL on the relay's HTTP server. */
  url: string
  href(path: string): string
  /** Sends SIGTERM and waits for exit; SIGKILL after 10 s. */
  stop(): Promise<number | null>
}

/** Options for {@link spawnRelay}. */
export interface SpawnRelayOptions {
  readonly httpPort?: number
  readonly wsPort?: number
  readonly dataDir?: string
  /** The built app to serve (default: the relay's default, `dist`). */
  readonly staticDir?: string
  /** Extra job manifests the relay accepts (`--jobs-dir`). */
  readonly jobsDir?: string
  readonly timeoutMs?: number
}

/** Spawns the relay and resolves once it is ready. */
export async function spawnRelay(options: SpawnRelayOptions = {}): Promise<RelayProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'swarm-relay-')))
  const args = [
    'relay/main.ts',
    '--http-port',
    String(options.httpPort ?? 0),
    '--ws-port',
    String(options.wsPort ?? 0),
    '--data-dir',
    dataDir,
    ...(options.staticDir === undefined ? [] : ['--static-dir', options.staticDir]),
    ...(options.jobsDir === undefined ? [] : ['--jobs-dir', options.jobsDir]),
  ]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  const ready = await new Promise<RelayReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`relay not ready in time:\n${output.join('')}`)),
      options.timeoutMs ?? 30_000,
    )
    const onData = (chunk: Buffer) => {
      const text = chunk.toString()
      output.push(text)
      const line = text.split('\n').find((l) => l.startsWith('RELAY_READY '))
      if (line !== undefined) {
        clearTimeout(timer)
        resolve(JSON.parse(line.slice('RELAY_READY '.length)) as RelayReady)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`relay exited with ${code}:\n${output.join('')}`))
    })
  })
  child.removeAllListeners('exit')
  return {
    ...ready,
    dataDir,
    output,
    href: (path) => new URL(path, ready.url).toString(),
    stop: () => stopChild(child),
  }
}

/** Removes a data directory made by {@link spawnRelay}. */
export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', (code) => {
      clearTimeout(kill)
      resolve(code)
    })
    child.kill('SIGTERM')
  })
}
