import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize, synthesizeHosts } from '../../lib/app/synth';
import { config, lanFacts, problemsOf, runtime } from '../helpers';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'edgenet-test-'));

describe('synthesize', () => {
  test('creates an out directory whose parents do not exist yet', () => {
    const out = path.join(tmp(), 'a', 'b', 'cdktf.out');
    expect(existsSync(synthesize(config([runtime('rt1')]), lanFacts(), out).file)).toBe(true);
  });

  test('is deterministic: two synths of the same input are byte-identical, detection time excluded', () => {
    const cfg = config([runtime('ra', { vnics: [{ name: 'lan' }] }), runtime('rb', { isolated: true })]);
    const one = readFileSync(synthesize(cfg, lanFacts(), tmp()).file, 'utf8');
    const two = readFileSync(synthesize(cfg, lanFacts({ detected_at: '2030-01-01T00:00:00Z', source: 'other' }), tmp()).file, 'utf8');
    expect(two).toBe(one);
  });

  test('writes nothing for any host when one host is refused: every model is resolved first', async () => {
    const dir = tmp();
    const out = path.join(dir, 'cdktf.out');
    const cfg = config([runtime('ra', { vnics: [{ name: 'lan' }] })], { hosts: { a: {}, b: {} } });
    const hosts = [
      { name: 'a', facts: lanFacts() },
      { name: 'b', facts: lanFacts({ interfaces: [], default_interface: null }) },
    ];
    const error = await synthesizeHosts(cfg, path.join(dir, 'edge.yaml'), hosts, out).catch((e: unknown) => e);
    expect(
      problemsOf(() => {
        throw error;
      }),
    ).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: is not set and the facts name no default interface, got nothing; expected an interface name, e.g. eth0',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('several hosts share one manifest, as cdktf synth writes it', async () => {
    const dir = tmp();
    const out = path.join(dir, 'cdktf.out');
    const cfg = config([runtime('ra')], { hosts: { a: {}, b: {} } });
    const hosts = [
      { name: 'a', facts: lanFacts() },
      { name: 'b', facts: lanFacts() },
    ];
    const stacks = await synthesizeHosts(cfg, path.join(dir, 'edge.yaml'), hosts, out);
    expect(stacks.map((s) => path.relative(out, s.file))).toEqual([
      path.join('stacks', 'a', 'cdk.tf.json'),
      path.join('stacks', 'b', 'cdk.tf.json'),
    ]);
    expect(Object.keys(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks)).toEqual(['a', 'b']);
  });
});
