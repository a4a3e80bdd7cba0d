import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { adoptsNetworksMovedFirst, lockProviders, synthesize, synthesizeHosts } from '../../lib/app/synth';
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

describe('the provider lock in the stack directory', () => {
  const committed = readFileSync(path.join(__dirname, '..', '..', '.terraform.lock.hcl'), 'utf8');
  const lockIn = (dir: string) => path.join(dir, '.terraform.lock.hcl');

  test('synthesize puts the committed lock beside cdk.tf.json, byte for byte', () => {
    const stack = synthesize(config([runtime('rt1')]), lanFacts(), tmp());
    expect(stack.providerLock).toEqual([]);
    expect(readFileSync(lockIn(stack.dir), 'utf8')).toBe(committed);
  });

  test('a stack requiring another provider version gets no lock, and one placed earlier is taken back', () => {
    const stack = synthesize(config([runtime('rt1')]), lanFacts(), tmp());
    const other = {
      terraform: {
        required_providers: { ...stack.tfJson.terraform.required_providers, docker: { source: 'kreuzwerker/docker', version: '4.5.0' } },
      },
    };
    expect(lockProviders(stack.dir, other)).toEqual([
      'registry.terraform.io/kreuzwerker/docker: locked at 4.6.0 (constraints 4.6.0), the stack requires 4.5.0',
    ]);
    expect(existsSync(lockIn(stack.dir))).toBe(false);
  });

  test('fails when a stack whose committed lock was not placed is said to adopt the networks a move made first', () => {
    const stack = synthesize(config([runtime('rt1')]), lanFacts(), tmp());
    expect(adoptsNetworksMovedFirst(stack)).toBe(true);
    expect(adoptsNetworksMovedFirst({ ...stack, providerLock: ['the stack requires another docker provider'] })).toBe(false);
  });

  test("a lock that is not the committed one (terraform init's own) is left alone", () => {
    const stack = synthesize(config([runtime('rt1')]), lanFacts(), tmp());
    writeFileSync(lockIn(stack.dir), '# made by terraform init\n');
    lockProviders(stack.dir, { terraform: { required_providers: { docker: { source: 'kreuzwerker/docker', version: '4.5.0' } } } });
    expect(readFileSync(lockIn(stack.dir), 'utf8')).toBe('# made by terraform init\n');
  });
});
