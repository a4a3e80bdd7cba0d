import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CLI, ROOT } from '../paths';

const FIXTURE = path.join(ROOT, '__tests__', 'fixtures', 'agent', 'runtime_vnics.json');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'edgenet-init-'));
const run = (args: string[]) => execa('node', [CLI, ...args], { cwd: ROOT, reject: false });

describe('edgenet init --from-agent', () => {
  test('writes a config that edgenet validate accepts, to stdout or to --out', async () => {
    const printed = await run(['init', '--from-agent', FIXTURE]);
    expect(printed.exitCode).toBe(0);
    expect(YAML.parse(printed.stdout).runtimes.map((r: { name: string }) => r.name)).toEqual(['plc-line1', 'plc-line2', 'plc-yard']);
    const out = path.join(tmp(), 'edge.yaml');
    expect((await run(['init', '--from-agent', FIXTURE, '--out', out])).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`${printed.stdout}\n`);
    expect((await run(['validate', '--config', out])).exitCode).toBe(0);
  });

  test('fails on bad input with one line per problem and writes nothing', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'runtime_vnics.json');
    writeFileSync(bad, JSON.stringify({ plc: [{ name: 'lan', network_mode: 'static', mac_address: 'zz' }] }));
    const out = path.join(dir, 'edge.yaml');
    const result = await run(['init', '--from-agent', bad, '--out', out]);
    expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr.trim().split('\n') }).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: [
        '$.plc[0].mac_address: is not a MAC address, got "zz"; expected six hex octets, e.g. 02:42:c0:a8:01:32',
        '$.plc[0].ip: is required when network_mode is static, got nothing; expected an IPv4 address in the parent subnet',
      ],
    });
    expect(existsSync(out)).toBe(false);
    writeFileSync(bad, '{"plc": [');
    expect((await run(['init', '--from-agent', bad])).stderr).toMatch(/^.*runtime_vnics\.json: not valid JSON: /);
  });

  test('fails when --out exists (it may be a config), or --from-agent is missing, changing nothing', async () => {
    const out = path.join(tmp(), 'edge.yaml');
    writeFileSync(out, 'mine\n');
    const result = await run(['init', '--from-agent', FIXTURE, '--out', out]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`init: --out ${out} exists; nothing was written`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect((await run(['init'])).stderr).toContain('init: --from-agent FILE is required');
  });
});
