import { chmodSync, mkdtempSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import execa from 'execa';
import { Engine } from '../../../lib/host/engine/engine';

/**
 * A stand-in engine binary that answers with its own niceness (field 19 of /proc/self/stat),
 * read after a pause so the priority set right after the spawn has been applied; Linux only,
 * as the hosts edgenet runs its engine on.
 */
function niceReporter(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-nice-'));
  const binary = path.join(dir, 'engine');
  writeFileSync(binary, '#!/bin/sh\nsleep 0.3\ncut -d" " -f19 /proc/$$/stat\n');
  chmodSync(binary, 0o755);
  return binary;
}

describe("the engine's CPU niceness", () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'edgenet-nice-cwd-'));
  const own = os.getPriority();

  test('fails when the engine does not run at the niceness asked', async () => {
    const engine = new Engine({ cwd, binary: niceReporter(), niceness: 12 });
    expect((await engine.run(['version'])).stdout.trim()).toBe(String(Math.max(12, own)));
  });

  test("fails when the engine runs at another niceness than the caller's by default", async () => {
    expect((await new Engine({ cwd, binary: niceReporter() }).run(['version'])).stdout.trim()).toBe(String(own));
  });

  test('fails when the engine runs ahead of a caller that yields more than it asks', async () => {
    // A caller at niceness own + 5 asking for own + 2: the engine stays at the caller's.
    const script = `new (require(${JSON.stringify(require.resolve('../../../dist/lib/host/engine/engine'))}).Engine)({ cwd: ${JSON.stringify(cwd)}, binary: ${JSON.stringify(niceReporter())}, niceness: ${own + 2} }).run(['version']).then((r) => process.stdout.write(r.stdout))`;
    const result = await execa('nice', ['-n', '5', process.execPath, '-e', script]);
    expect(result.stdout.trim()).toBe(String(own + 5));
  });
});
