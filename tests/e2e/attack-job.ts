/**
 * The test-attack job: a copy of the shipped `mnist-mlp` manifest under another name (so another
 * job id and chain) with test attacks allowed. The pages get it through a route
 * (`routeAttackJob`), and the relay fixture tells the relay of it (`--jobs-dir`), since the
 * relay records genesis only for the jobs it serves.
 */
import { readFile } from 'node:fs/promises'

/** The attack job's name. */
export const ATTACK_JOB = 'mnist-mlp-attack'

/** The shipped `mnist-mlp` manifest renamed `name`, with test attacks allowed, as JSON. */
export async function attackManifest(name: string): Promise<string> {
  const shipped = JSON.parse(
    await readFile(new URL('../../public/jobs/mnist-mlp.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>
  return JSON.stringify({ ...shipped, name, allowTestAttacks: true })
}
