import execa from 'execa';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { DockerApi } from '../../lib/host/docker/docker-api';
import { MANAGED_LABEL } from '../../lib/core/naming';
import { readLinks } from '../../lib/host/docker/link-macs';

/** The project root, from the sources (ts-jest) or from dist/ (the benchmarks). */
export const ROOT = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..', '..', '..')].find((dir) =>
  existsSync(path.join(dir, 'package.json')),
)!;
export const CLI = path.join(ROOT, 'bin', 'edgenet.js');

/** The Docker engines of the test bed: Engine 20.10 (Debian's) and Engine 29 (built from the module proxy). */
export const ENGINES = ['20.10', '29'] as const;
export type TestbedEngine = (typeof ENGINES)[number];

/**
 * The engine this run's suites (or the benchmark) drive: EDGENET_E2E_ENGINE (the e2e projects
 * set it), else BENCH_ENGINE (`BENCH_ENGINE=29 npm run bench`), else 20.10. Every suite reaches
 * "the engine" through DOCKER_HOST and the ssh and TLS hosts, so one variable moves all of them.
 */
export function selectedEngine(value = process.env.EDGENET_E2E_ENGINE || process.env.BENCH_ENGINE): TestbedEngine {
  const engine = value === undefined || value === '' ? '20.10' : value;
  if (!(ENGINES as readonly string[]).includes(engine)) {
    throw new Error(
      `the test bed's engine (EDGENET_E2E_ENGINE or BENCH_ENGINE) is ${JSON.stringify(value)}; expected one of ${ENGINES.join(', ')}`,
    );
  }
  return engine as TestbedEngine;
}

/** The variables that name an engine, each with its Engine 29 twin in .testbed/env. */
const PER_ENGINE = ['DOCKER_HOST', 'EDGENET_TEST_SSH_HOST', 'EDGENET_TEST_TLS_HOST'];

/**
 * Variables scripts/testbed.sh wrote for the engines, the provider mirror and the servers, with
 * those that name an engine pointed at `engine`'s (a missing twin is an error, never a silent
 * fallback to the other engine).
 */
export function testbedEnv(engine: TestbedEngine = selectedEngine()): Record<string, string> {
  const lines = readFileSync(path.join(ROOT, '.testbed', 'env'), 'utf8')
    .trim()
    .split('\n');
  const all: Record<string, string> = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  if (engine === '20.10') return all;
  for (const name of PER_ENGINE) {
    const twin = all[`${name}_29`];
    if (!twin) throw new Error(`.testbed/env lacks ${name}_29: scripts/testbed.sh up did not bring Engine 29 up`);
    all[name] = twin;
  }
  return all;
}

export const ENGINE = selectedEngine();
export const env = testbedEnv(ENGINE);
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

/** The MACs of the links in a running container, as its own `ip -o link` (busybox) shows them: the wire's view. */
export async function linkMacs(container: string): Promise<string[]> {
  const { stdout, exitCode, stderr } = await dockerCli(['exec', container, 'ip', '-o', 'link']);
  if (exitCode !== 0) throw new Error(`docker exec ${container} ip -o link: ${stderr}`);
  return readLinks(stdout).map((l) => l.mac.toString());
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
