import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../../relay/config.ts'
import { ServedJobs } from '../../../relay/jobs.ts'
import { jobId, validateJob } from '../../../shared/job/index.ts'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'relay-jobs-'))
  dirs.push(root)
  const shipped = JSON.parse(
    await readFile(new URL('../../../public/jobs/mnist-mlp.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>
  await mkdir(join(root, 'static', 'jobs'), { recursive: true })
  await mkdir(join(root, 'extra'))
  await writeFile(join(root, 'static', 'jobs', 'mnist-mlp.json'), JSON.stringify(shipped))
  const other = { ...shipped, name: 'mnist-mlp-other' }
  await writeFile(join(root, 'extra', 'other.json'), JSON.stringify(other))
  await writeFile(join(root, 'extra', 'junk.json'), '{ not json')
  const idOf = (m: unknown) => {
    const v = validateJob(m)
    if (!v.ok) throw new Error('manifest does not validate')
    return jobId(v.value)
  }
  return { root, shippedId: idOf(shipped), otherId: idOf(other) }
}

describe('ServedJobs', () => {
  it('serves only the app’s jobs without an extra folder', async () => {
    const { root, shippedId, otherId } = await setup()
    const jobs = new ServedJobs(join(root, 'static'))
    expect((await jobs.list()).map((j) => j.id)).toEqual([shippedId])
    expect(await jobs.get(otherId)).toBeUndefined()
  })

  it('adds the valid manifests of the extra folder and skips the rest', async () => {
    const { root, shippedId, otherId } = await setup()
    const jobs = new ServedJobs(join(root, 'static'), join(root, 'extra'))
    expect((await jobs.list()).map((j) => j.id)).toEqual([shippedId, otherId])
    expect((await jobs.get(otherId))?.manifest.name).toBe('mnist-mlp-other')
  })
})

describe('--jobs-dir', () => {
  it('is read from the flag or RELAY_JOBS_DIR, and absent by default', () => {
    const flag = parseConfig(['--jobs-dir', '/srv/jobs'], {})
    const env = parseConfig([], { RELAY_JOBS_DIR: '/etc/jobs' })
    const none = parseConfig([], {})
    expect(flag.ok && 'config' in flag && flag.config.jobsDir).toBe('/srv/jobs')
    expect(env.ok && 'config' in env && env.config.jobsDir).toBe('/etc/jobs')
    expect(none.ok && 'config' in none && none.config.jobsDir).toBeUndefined()
  })
})
