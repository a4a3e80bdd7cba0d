import { createHash } from 'crypto';
import execa from 'execa';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { until } from '../poll';
import { env, ROOT, testbedEnv } from '../../scripts/testbed/env';

/**
 * The servers scripts/testbed.sh starts for the e2e suite, each proven for real: PostgreSQL
 * for shared Terraform state (the pg backend), an sshd whose docker reaches the test bed's
 * dockerd (ssh:// Docker hosts) and dockerd's TLS listener (tcp:// with certificates).
 */
jest.setTimeout(120_000);

/** What a user's shell has: no DOCKER_HOST, no ssh options, no certificate paths. */
const bare = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/root' };

interface RunOptions {
  readonly env?: Record<string, string>;
  readonly input?: string;
  readonly cwd?: string;
}

function run(file: string, args: string[], options: RunOptions = {}) {
  return execa(file, args, { reject: false, extendEnv: false, env: { ...bare, ...options.env }, input: options.input, cwd: options.cwd });
}

/** psql on a connection URL; the URL (it holds the password) goes through the environment, never argv. */
function psql(sql: string, connStr = env.PG_CONN_STR) {
  return run('bash', ['-c', 'exec psql "$PG_CONN_STR" -X -q -v ON_ERROR_STOP=1 -tA'], { env: { PG_CONN_STR: connStr }, input: sql });
}

const pgUrl = new URL(env.PG_CONN_STR);

/**
 * True when `text` holds none of `secrets`. A boolean on purpose: a failing
 * `expect(text).not.toContain(secret)` would print the secret into the test log.
 */
function free(text: string, secrets: string[]): boolean {
  return secrets.every((secret) => !text.includes(secret));
}
const tlsUrl = new URL(env.EDGENET_TEST_TLS_HOST);

async function engineId(dockerHost: string, extraEnv: Record<string, string> = {}, flags: string[] = []): Promise<string> {
  const info = await run('docker', [...flags, '-H', dockerHost, 'info', '--format', '{{.ID}}'], { env: extraEnv });
  expect(info.stderr).toBe('');
  expect(info.exitCode).toBe(0);
  return info.stdout.trim();
}

/** `ssh -G`: the options ssh resolves for a host from ~/.ssh/config, as a map. */
async function sshOptions(host: string): Promise<Map<string, string>> {
  const resolved = await run('ssh', ['-G', host]);
  expect(resolved.exitCode).toBe(0);
  return new Map(resolved.stdout.split('\n').map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]));
}

describe('PostgreSQL (PG_CONN_STR)', () => {
  test('is on 127.0.0.1 without TLS, as the pg backend is given it', () => {
    expect(pgUrl.protocol).toBe('postgres:');
    expect(pgUrl.hostname).toBe('127.0.0.1');
    expect(pgUrl.pathname).toBe('/edgenet');
    expect(pgUrl.searchParams.get('sslmode')).toBe('disable');
  });

  test('psql connects and creates, fills and drops a table', async () => {
    const table = `edgenet_smoke_${process.pid}`;
    const result = await psql(
      `CREATE TABLE ${table} (id int PRIMARY KEY, note text);
       INSERT INTO ${table} VALUES (1, 'smoke');
       SELECT note FROM ${table};
       DROP TABLE ${table};
       SELECT to_regclass('${table}') IS NULL;
       SHOW listen_addresses;`,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual(['smoke', 't', '127.0.0.1']);
  });

  test('a wrong password is refused', async () => {
    const wrong = new URL(env.PG_CONN_STR);
    wrong.password = 'not-the-password';
    const result = await psql('SELECT 1;', wrong.toString());
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/password authentication failed for user "edgenet"/);
  });
});

describe('sshd (EDGENET_TEST_SSH_HOST)', () => {
  const sshHost = new URL(env.EDGENET_TEST_SSH_HOST);

  test("the URL's host is an alias ~/.ssh/config resolves to the test bed's sshd on loopback, with its key", async () => {
    const options = await sshOptions(sshHost.hostname);
    expect(options.get('hostname')).toBe('127.0.0.1');
    expect(options.get('user')).toBe('root');
    expect(options.get('identityfile')).toBe(env.EDGENET_TEST_SSH_KEY);
    expect(options.get('stricthostkeychecking')).toBe('true');
  });

  test("docker -H ssh://… info and version reach the test bed's dockerd with no extra flags", async () => {
    expect(await engineId(env.EDGENET_TEST_SSH_HOST)).toBe(await engineId(env.DOCKER_HOST));
    const version = await run('docker', ['-H', env.EDGENET_TEST_SSH_HOST, 'version', '--format', '{{.Server.APIVersion}}']);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^1\.\d+$/);
  });

  test('password and keyboard-interactive logins are refused', async () => {
    const result = await run('ssh', [
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'PreferredAuthentications=password,keyboard-interactive',
      sshHost.hostname,
      'true',
    ]);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/Permission denied \(publickey\)/);
  });
});

describe('dockerd over TLS (EDGENET_TEST_TLS_HOST, EDGENET_TEST_TLS_CERT_PATH)', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'edgenet-tls-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const tlsVerify = ['--tlsverify', '-H', env.EDGENET_TEST_TLS_HOST, 'version', '--format', '{{.Server.APIVersion}}'];

  test("docker --tlsverify with DOCKER_CERT_PATH reaches the test bed's dockerd", async () => {
    expect(tlsUrl.hostname).toBe('127.0.0.1');
    expect(await engineId(env.EDGENET_TEST_TLS_HOST, { DOCKER_CERT_PATH: env.EDGENET_TEST_TLS_CERT_PATH }, ['--tlsverify'])).toBe(
      await engineId(env.DOCKER_HOST),
    );
  });

  test('the same without a client certificate is refused by dockerd', async () => {
    const caOnly = path.join(scratch, 'ca-only');
    await execa('mkdir', ['-p', caOnly]);
    await execa('cp', [path.join(env.EDGENET_TEST_TLS_CERT_PATH, 'ca.pem'), caOnly]);
    const result = await run('docker', tlsVerify, { env: { DOCKER_CERT_PATH: caOnly } });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/remote error: tls: (bad certificate|certificate required)/);
  });

  test('a client certificate of another CA is refused by dockerd', async () => {
    const rogue = path.join(scratch, 'rogue');
    await execa('mkdir', ['-p', rogue]);
    await execa('cp', [path.join(env.EDGENET_TEST_TLS_CERT_PATH, 'ca.pem'), rogue]);
    await execa(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=rogue'].concat([
        '-keyout',
        path.join(rogue, 'key.pem'),
        '-out',
        path.join(rogue, 'cert.pem'),
      ]),
    );
    const result = await run('docker', tlsVerify, { env: { DOCKER_CERT_PATH: rogue } });
    expect(result.exitCode).not.toBe(0);
    // Engine 20.10's TLS stack answers the foreign certificate with bad certificate; Engine 29's,
    // whose accepted CAs the client's certificate does not match, gets none and says so.
    expect(result.stderr).toMatch(/remote error: tls: (bad certificate|unknown certificate authority|certificate required)/);
  });

  test('plain HTTP on the TLS port gets no engine', async () => {
    const result = await run('docker', ['-H', env.EDGENET_TEST_TLS_HOST, 'version', '--format', '{{.Server.APIVersion}}']);
    expect(result.exitCode).not.toBe(0);
  });
});

interface Listener {
  readonly address: string;
  readonly port: string;
  readonly pids: string[];
  readonly line: string;
}

/** Every listening TCP and UDP socket (`ss -ltunp`), and those on the test bed's server ports. */
async function listeners(): Promise<{ all: Listener[]; servers: Listener[] }> {
  const ssh = await sshOptions(new URL(env.EDGENET_TEST_SSH_HOST).hostname);
  const ports = [pgUrl.port, ssh.get('port')!, tlsUrl.port];
  const ss = await run('ss', ['-H', '-l', '-t', '-u', '-n', '-p']);
  expect(ss.exitCode).toBe(0);
  const all = ss.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const local = line.trim().split(/\s+/)[4];
      return {
        address: local.slice(0, local.lastIndexOf(':')),
        port: local.slice(local.lastIndexOf(':') + 1),
        pids: [...line.matchAll(/pid=(\d+)/g)].map((m) => m[1]),
        line,
      };
    });
  const servers = all.filter((s) => ports.includes(s.port));
  expect(servers.map((s) => s.port).sort()).toEqual([...ports].sort());
  return { all, servers };
}

describe('network exposure, secrets, idempotency', () => {
  test('the servers listen on 127.0.0.1 only, and so does every other socket of their processes', async () => {
    const { all, servers } = await listeners();
    const serverPids = new Set(servers.flatMap((s) => s.pids));
    expect(serverPids.size).toBe(3);
    const theirs = all.filter((s) => s.pids.some((pid) => serverPids.has(pid)));
    expect(theirs.filter((s) => s.address !== '127.0.0.1').map((s) => s.line)).toEqual([]);
  });

  test('a second `testbed.sh up` reuses the running servers, keeps the password and prints no secret', async () => {
    /** .testbed/env with PG_CONN_STR's password as a digest (a failure prints this), and the listeners. */
    const snapshot = async () => {
      const vars = testbedEnv();
      const password = new URL(vars.PG_CONN_STR).password;
      const digest = createHash('sha256').update(password).digest('hex').slice(0, 12);
      return {
        env: { ...vars, PG_CONN_STR: vars.PG_CONN_STR.replace(password, `<password sha256 ${digest}>`) },
        servers: (await listeners()).servers.map(({ address, port, pids }) => ({ address, port, pids })),
      };
    };
    const before = await snapshot();
    const up = await run('bash', [path.join(ROOT, 'scripts', 'testbed.sh'), 'up'], {
      env: { TERRAFORM_BINARY_NAME: env.TERRAFORM_BINARY_NAME },
    });
    expect(up.exitCode).toBe(0);
    expect(up.stderr).not.toMatch(/starting|creating|making|setting up/);
    expect(await snapshot()).toEqual(before);
    const secretLines = [env.EDGENET_TEST_SSH_KEY, path.join(env.EDGENET_TEST_TLS_CERT_PATH, 'key.pem')]
      .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
      .filter((line) => line.length > 16 && !line.startsWith('-----'));
    expect(free(up.stdout + up.stderr, [decodeURIComponent(pgUrl.password), ...secretLines])).toBe(true);
  });

  test('secrets are in files of mode 0600 under .testbed/', () => {
    const secrets = [
      path.join(ROOT, '.testbed', 'env'),
      path.join(ROOT, '.testbed', 'postgres', 'password'),
      env.EDGENET_TEST_SSH_KEY,
      path.join(ROOT, '.testbed', 'ssh', 'ssh_host_ed25519_key'),
      path.join(env.EDGENET_TEST_TLS_CERT_PATH, 'key.pem'),
      path.join(ROOT, '.testbed', 'tls', 'server-key.pem'),
      path.join(ROOT, '.testbed', 'tls', 'ca-key.pem'),
    ];
    for (const file of secrets) {
      expect(path.relative(path.join(ROOT, '.testbed'), file).startsWith('..')).toBe(false);
      expect([file, (statSync(file).mode & 0o777).toString(8)]).toEqual([file, '600']);
    }
  });
});

/**
 * The pg backend on the test bed's PostgreSQL: state in a schema of this run's own, and the
 * state lock between two applies on one state.
 */
describe('Terraform state in PostgreSQL (backend "pg")', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'edgenet-pg-state-'));
  const schema = `edgenet_e2e_${process.pid}`;
  const password = decodeURIComponent(pgUrl.password);
  /** How long an apply holds the state lock: long enough for a second apply to try it. */
  const HOLD_SECONDS = 8;

  const terraform = (args: string[], connStr = env.PG_CONN_STR) =>
    run(env.TERRAFORM_BINARY_NAME, [...args, '-no-color', '-input=false'], {
      cwd: work,
      env: { PG_CONN_STR: connStr, TF_CLI_CONFIG_FILE: env.TF_CLI_CONFIG_FILE, TF_IN_AUTOMATION: '1' },
    });
  const apply = (runName: string, connStr?: string) =>
    terraform(['apply', '-auto-approve', '-lock-timeout=0', `-var=run=${runName}`], connStr);

  beforeAll(async () => {
    writeFileSync(
      path.join(work, 'main.tf'),
      `terraform {
  backend "pg" {}
}

variable "run" {
  type = string
}

resource "terraform_data" "smoke" {
  triggers_replace = var.run
  provisioner "local-exec" {
    command = "sleep ${HOLD_SECONDS}"
  }
}
`,
    );
  });

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE;`);
  });

  test('init and apply keep the state in PostgreSQL', async () => {
    const init = await terraform(['init', `-backend-config=schema_name=${schema}`]);
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('Successfully configured the backend "pg"!');
    const first = await apply('first');
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const rows = await psql(`SELECT name FROM ${schema}.states;`);
    expect(rows.stdout.trim()).toBe('default');
  });

  test('of two concurrent applies on one state, exactly one fails on the state lock; its holder is visible in PostgreSQL', async () => {
    // The first apply names itself (application_name), as the product's own runs can, so that
    // the lock's holder can be told: Terraform's message names only the run that was refused.
    const holderConn = new URL(env.PG_CONN_STR);
    holderConn.searchParams.set('application_name', 'edgenet-e2e-holder');
    const holding = apply('holder', holderConn.toString());
    const holderQuery = `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       JOIN ${schema}.states s ON l.locktype = 'advisory' AND l.objid = s.id AND l.granted
       WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.name = 'default';`;
    let holder = '';
    await until(
      async () => (holder = (await psql(holderQuery)).stdout.trim()) !== '',
      'the first apply to take the state lock',
      30_000,
      100,
    );
    expect(holder).toBe('edgenet-e2e-holder');

    const refused = await apply('refused');
    const held = await holding;
    expect([held.exitCode, refused.exitCode]).toEqual([0, 1]);
    expect(held.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 1 destroyed.');
    expect(refused.stderr).toContain('Error: Error acquiring the state lock');
    expect(refused.stderr).toContain('Error message: Workspace is already locked: default');
    expect(free([held.stdout, held.stderr, refused.stdout, refused.stderr].join('\n'), [password])).toBe(true);
  });
});
