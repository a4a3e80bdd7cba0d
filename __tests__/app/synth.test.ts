import { mkdtempSync, readFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize } from '../../lib/app/synth';
import { config, lanFacts, runtime } from '../helpers';

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
});
