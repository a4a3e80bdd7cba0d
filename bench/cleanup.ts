import execa from 'execa';
import { rmSync } from 'fs';
import { edgenet, removeDockerLeftovers, ROOT } from '../scripts/testbed/env';
import { progress } from './stats';

/**
 * Engine 20.10 sometimes keeps a stale endpoint on a macvlan network after many containers
 * were removed at once (moby/moby#42119: "has active endpoints"); only a dockerd restart
 * drops it. The benchmarks then restart the test bed's dockerd and remove what is left.
 */
export async function restartTestbedDocker(): Promise<void> {
  progress('stale endpoint (moby#42119): restarting the test bed dockerd to clear it');
  await execa('bash', [`${ROOT}/scripts/testbed.sh`, 'down']);
  await execa('bash', [`${ROOT}/scripts/testbed.sh`, 'up']);
  await removeDockerLeftovers();
}

const STALE_ENDPOINT = /has active endpoints|timeout while waiting for state to become 'removed'/;

/** `edgenet destroy`, falling back to a dockerd restart on moby#42119; `stateDir` is removed then. */
export async function destroyStack(args: readonly string[], stateDir: string): Promise<void> {
  const result = await edgenet(['destroy', '--auto-approve', ...args]);
  if (result.exitCode === 0) return;
  if (!STALE_ENDPOINT.test(result.stderr)) throw new Error(`edgenet destroy failed:\n${result.stderr.slice(-3000)}`);
  await restartTestbedDocker();
  rmSync(stateDir, { recursive: true, force: true });
}

/** Runs `remove`; on moby#42119 restarts dockerd, which also removes what is left. */
export async function removeOrRestart(remove: () => Promise<void>): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (!STALE_ENDPOINT.test(`${(err as Error).message} ${(err as { output?: string }).output ?? ''}`)) throw err;
    await restartTestbedDocker();
  }
}
