import execa from 'execa';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { DockerApi } from '../../lib/host/docker/docker-api';
import { MANAGED_LABEL } from '../../lib/core/naming';

/** The project root, from the sources (ts-jest) or from dist/ (the benchmarks). */
export const ROOT = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..', '..', '..')].find((dir) =>
  existsSync(path.join(dir, 'package.json')),
)!;
export const CLI = path.join(ROOT, 'bin', 'edgenet.js');

/** Variables scripts/testbed.sh wrote for the engine, the provider mirror and dockerd. */
export function testbedEnv(): Record<string, string> {
  const lines = readFileSync(path.join(ROOT, '.testbed', 'env'), 'utf8')
    .trim()
    .split('\n');
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

export const env = testbedEnv();
export const docker = new DockerApi(env.DOCKER_HOST);

export function edgenet(args: string[], extraEnv: Record<string, string> = {}) {
  return execa('node', [CLI, ...args], {
    cwd: ROOT,
    reject: false,
    env: { ...env, NETWORK_INTERFACE: '', NETWORK_SUBNET: '', NETWORK_GATEWAY: '', ...extraEnv },
  });
}

export function dockerCli(args: string[]) {
  return execa('docker', args, { reject: false, env: { DOCKER_HOST: env.DOCKER_HOST } });
}

/** True when `container` gets an answer from `address` (busybox ping inside the container). */
export async function reaches(container: string, address: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await dockerCli(['exec', container, 'ping', '-c', '1', '-W', '2', address]);
    if (result.exitCode === 0) return true;
  }
  return false;
}

/**
 * Containers and networks a killed run left on the test bed's own dockerd (edgenet's are
 * labelled io.edgenet.stack, the benchmark's baseline io.edgenet.bench); a fresh state
 * file would otherwise collide with their names.
 */
export async function removeDockerLeftovers(): Promise<void> {
  for (const label of [MANAGED_LABEL, 'io.edgenet.bench']) {
    const filter = encodeURIComponent(JSON.stringify({ label: [label] }));
    for (const c of await docker.get<any[]>(`/containers/json?all=1&filters=${filter}`))
      await docker.delete(`/containers/${c.Id}?force=true`);
    for (const n of await docker.get<any[]>(`/networks?filters=${filter}`)) await docker.delete(`/networks/${n.Id}`);
  }
}

/**
 * State files under `dir`: with a remote backend there must be none. The engine's
 * `.terraform/terraform.tfstate` is left out: it records which backend a directory was
 * initialised with (never resources, never secrets given through the environment).
 */
export async function tfstateFiles(dir: string): Promise<string[]> {
  const { stdout } = await execa('find', [dir, '-name', '*.tfstate*', '-not', '-path', '*/.terraform/*'], { reject: false });
  return stdout.split('\n').filter(Boolean);
}
